import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, dateTime, dateLabel } from '../api';
import type { Session } from '../api';
import { ExportButtons, Loading, showErrors, useLoad } from '../components';
import { areaOptions } from '../labels';

/** 督办: cases whose statutory clock ran out, nearest first; the committee's supervisor records its supervision. */
export function SupervisionPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const [division, setDivision] = useState<string | undefined>();
  const list = useLoad(() => api('command').get(`/supervision${division ? `?divisionCode=${division}` : ''}`), [division]);
  const [item, setItem] = useState<any>();
  const [form] = Form.useForm();
  const supervise = async () => {
    const v = await form.validateFields();
    try {
      await api('command').post(`/supervision/${item.clockId}/supervise`, v);
      message.success('已督办');
      setItem(undefined);
      list.reload();
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card title="逾期案件督办" extra={
      <Space>
        {session.user.divisionCode === '360700' && <Select allowClear placeholder="全部县区" style={{ width: 180 }} value={division} onChange={setDivision} options={areaOptions} aria-label="县区" />}
        <ExportButtons service="command" path="/supervision" query={division ? `divisionCode=${division}` : ''} name="逾期案件督办" />
      </Space>
    }>
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="clockId" size="middle" dataSource={list.data?.items ?? []} locale={{ emptyText: '没有逾期案件' }} pagination={{ pageSize: 15 }} columns={[
          { title: '县区', dataIndex: 'divisionName', width: 110 },
          { title: '承办机构', dataIndex: 'agencyTypeLabel' },
          { title: '期限', dataIndex: 'ruleLabel' },
          { title: '截止日', dataIndex: 'dueOn', render: (d) => <span style={{ color: d < today ? '#cf1322' : undefined, fontWeight: 600 }}>{dateLabel(d)}</span> },
          { title: '报告时间', dataIndex: 'reportedAt', render: dateTime },
          { title: '督办', render: (_, i: any) => (i.supervisedAt ? <Tag color="blue" title={i.supervisionNote}>已督办 {dateTime(i.supervisedAt)}</Tag>
            : session.user.roles.includes('supervisor') ? <Button size="small" onClick={() => setItem(i)}>督办</Button> : <Tag>待督办</Tag>) },
        ]} />
      </Loading>
      <Modal title="督办意见" open={!!item} onCancel={() => setItem(undefined)} onOk={supervise} okText="提交" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical"><Form.Item label="督办意见" name="note" rules={[{ required: true, min: 2, max: 2000, message: '请填写督办意见（2至2000个字符）' }]}><Input.TextArea rows={3} /></Form.Item></Form>
      </Modal>
    </Card>
  );
}
