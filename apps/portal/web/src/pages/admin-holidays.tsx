import { Alert, Card, Col, Row, Table, Tag, Typography } from 'antd';
import { api, dateLabel } from '../api';
import type { Session } from '../api';
import { Loading, useLoad } from '../components';

/** 节假日历 and the statutory clock rules every deadline is counted with. */
export function AdminHolidaysPage(_: { session: Session }) {
  const { data, error, loading } = useLoad(() => api('command').get('/calendar'));
  return (
    <Loading loading={loading} error={error}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="节假日历随平台版本发布，按国务院办公厅每年的放假安排更新。国务院办公厅公布次年安排前，该年度为“暂定”，落入该年度的期限标注为暂定。" />
      <Row gutter={16}>
        {(data?.years ?? []).map((y: any) => (
          <Col span={8} key={y.year}>
            <Card size="small" title={`${y.year} 年`} extra={y.status === 'official' ? <Tag color="green">正式</Tag> : <Tag color="orange">暂定</Tag>} style={{ marginBottom: 16 }}>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>{y.source ?? '—'}</Typography.Paragraph>
              <div>放假：{y.holidays.map((h: string) => <Tag key={h}>{h.split('/').map(dateLabel).join(' 至 ')}</Tag>)}</div>
              <div style={{ marginTop: 8 }}>调休上班：{y.workdays.length ? y.workdays.map((d: string) => <Tag key={d} color="blue">{dateLabel(d)}</Tag>) : '无'}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title="法定办理时限">
        <Table rowKey="id" size="small" pagination={false} dataSource={data?.rules ?? []} columns={[
          { title: '时限', dataIndex: 'label' },
          { title: '期间', render: (_, r: any) => `${r.days} ${r.unit === 'working' ? '个工作日' : r.unit === 'month' ? '个月' : '日'}${r.extensionDays ? `（可延长 ${r.extensionDays} 日）` : ''}` },
          { title: '依据', render: (_, r: any) => <>{r.basis}{r.unconfirmed && <Tag color="orange" style={{ marginLeft: 8 }}>待核实，可按本地规定调整</Tag>}</> },
        ]} />
      </Card>
    </Loading>
  );
}
