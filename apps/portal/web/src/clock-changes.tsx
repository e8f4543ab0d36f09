import { Alert, Button, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, dateLabel, dateTime } from './api';
import { useLoad } from './components';

/**
 * The office's due dates a year's holiday notice moved or confirmed (no longer 暂定), above the list where it sees its
 * clocks: a line saying how many, and the list on demand. Nothing shows while there are none.
 */
export function ClockChanges({ service, open }: { service: string; open: (subjectId: string) => void }) {
  const { data } = useLoad(() => api(service).get('/clock-changes'), [service]);
  const [shown, setShown] = useState(false);
  const items: any[] = data?.items ?? [];
  if (!items.length) return null;
  const moved = items.filter((c) => c.moved).length;
  const years = [...new Set(items.map((c) => c.calendarYear))].join('、');
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="clock-changes"
        title={`${years}年节假日安排已按国务院办公厅通知正式录入：${moved} 个办理期限的到期日调整，${items.length - moved} 个确认不变（不再为暂定）`}
        action={<Button size="small" onClick={() => setShown(true)}>查看调整</Button>} />
      <Modal open={shown} onCancel={() => setShown(false)} footer={null} width={860} title="节假日安排调整的办理期限">
        <Table rowKey="id" size="small" dataSource={items} pagination={{ pageSize: 8, showSizeChanger: false }} scroll={{ x: 800 }}
          onRow={(c: any) => ({ onClick: () => { setShown(false); open(c.subjectId); }, style: { cursor: 'pointer' } })}
          columns={[
            { title: '期限', dataIndex: 'label', ellipsis: true },
            { title: '原到期日', render: (_, c: any) => <>{dateLabel(c.oldDueOn)}{c.oldProvisional && <Tag color="orange" style={{ marginLeft: 6 }}>暂定</Tag>}</>, width: 170 },
            { title: '现到期日', render: (_, c: any) => <>{dateLabel(c.newDueOn)} {c.moved ? <Tag color="blue">已调整</Tag> : <Tag color="green">不变</Tag>}</>, width: 200 },
            { title: '依据', dataIndex: 'noticeNo', ellipsis: true, width: 190 },
            { title: '调整时间', dataIndex: 'changedAt', render: dateTime, width: 150 },
          ]} />
      </Modal>
    </>
  );
}
