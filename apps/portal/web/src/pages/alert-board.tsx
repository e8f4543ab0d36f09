import { App, Badge, Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, dateTime, liveFeed, yuan, dateLabel } from '../api';
import type { Session } from '../api';
import { Chart } from '../chart';
import { LevelTag, Loading, showErrors, useLoad, rowOpens } from '../components';
import { deskService, LEVEL_ORDER, LEVELS, signalSourceLabel, WORKER_ESTIMATE_SOURCES } from '../labels';
import type { Level } from '../labels';

const SIGNAL_KINDS: Record<string, string> = {
  claim: '劳动者欠薪申请/投诉', order: '限期支付指令/裁决/判决', payment: '工资已支付', hotline: '热线投诉', missed_transfer: '人工费未拨付',
  headcount_gap: '实发人数少于考勤人数', no_wage_record: '无工资发放记录', transfer_made: '人工费已拨付', field_report: '工会一线风险报告',
  petition: '信访', gathering: '聚集', credit: '失信/欠薪记录',
};
const severity = (a: any) => LEVEL_ORDER.indexOf(a.level);

/** The newest message of each alert wins (a live feed may bring them out of order after a reconnect). */
function merge(list: any[], a: any): any[] {
  const old = list.find((x) => x.alertId === a.alertId);
  if (old && old.sequence >= a.sequence) return list;
  return [a, ...list.filter((x) => x.alertId !== a.alertId)];
}

function AlertDetail({ alert, session, onDone }: { alert: any; session: Session; onDone: () => void }) {
  const { message } = App.useApp();
  const service = deskService(session.user.agencyType);
  const [assigning, setAssigning] = useState(false);
  const [form] = Form.useForm();
  const offices = useLoad(() => (session.user.agencyType === 'command' && session.user.roles.includes('supervisor') ? api('command').get(`/directory/offices?divisionCode=${alert.subject.divisionCode}`) : Promise.resolve({ items: [] })), [alert.alertId]);
  const ack = async () => {
    try {
      await api(service).post(`/alerts/${alert.alertId}/acknowledge`);
      message.success('已签收，状态将自动更新');
      onDone();
    } catch (e) {
      showErrors(undefined, e, message);
    }
  };
  const assign = async () => {
    const v = await form.validateFields();
    try {
      await api('command').post(`/alerts/${alert.alertId}/assign`, v);
      message.success('已指派，状态将自动更新');
      setAssigning(false);
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  const e = alert.explanation;
  const byDay = useMemo(() => {
    const days = new Map<string, number>();
    for (const s of e.signals) days.set(s.day, (days.get(s.day) ?? 0) + s.count);
    return [...days].sort(([a], [b]) => a.localeCompare(b));
  }, [alert]);
  const rules = [...e.rules.map((r: any) => ({ ...r, kind: '规则' })), ...e.amplifiers.map((r: any) => ({ ...r, kind: '放大因素' }))];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {alert.acknowledgedByMe ? <Tag color="green">本单位已签收</Tag> : <Button type="primary" onClick={ack} data-testid="acknowledge">签收</Button>}
        {session.user.agencyType === 'command' && session.user.roles.includes('supervisor') && <Button onClick={() => setAssigning(true)}>指派承办单位</Button>}
      </Space>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label="对象" span={2}>{alert.subject.label}（{alert.subjectKindLabel}）</Descriptions.Item>
        <Descriptions.Item label="等级"><LevelTag level={alert.level} /> 最高 {alert.peakLevelLabel}</Descriptions.Item>
        <Descriptions.Item label="地区">{alert.divisionName}</Descriptions.Item>
        <Descriptions.Item label="涉及人数（估计）">{e.figures.workers} 人（已支付 {e.figures.workersPaid} 人）</Descriptions.Item>
        <Descriptions.Item label="人数依据" span={2}>
          <span data-testid="workers-basis">
            {(e.figures.workersBasis ?? []).map((b: any) => `${(WORKER_ESTIMATE_SOURCES as Record<string, string>)[b.source] ?? b.source} ${b.workers} 人`).join('；') || '—'}
            {e.figures.usualOpenClaims ? `（该单位平时未结 ${e.figures.usualOpenClaims} 件，已扣除）` : ''}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="拖欠金额">{yuan(e.figures.outstandingFen)}</Descriptions.Item>
        <Descriptions.Item label="首次预警">{dateLabel(alert.raisedOn)}</Descriptions.Item>
        {/* The figures and signals below are as of this day: signals after the first warning are evidence gathered since. */}
        <Descriptions.Item label="信号截至">{dateLabel(alert.asOf)}</Descriptions.Item>
        <Descriptions.Item label="最新变化" span={2}>{alert.change}</Descriptions.Item>
        <Descriptions.Item label="签收情况" span={2}>
          {alert.deskNames.map((d: any) => <Tag key={d.officeId} color={d.acknowledged ? 'green' : 'default'}>{d.name}{d.acknowledged ? ' ✓' : ''}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>预警依据</Typography.Title>
      <Table size="small" rowKey={(r: any) => `${r.kind}-${r.rule}`} pagination={false} dataSource={rules} data-testid="explanation" columns={[
        { title: '类别', dataIndex: 'kind', width: 80 },
        { title: '指标', dataIndex: 'label' },
        { title: '实际值', dataIndex: 'value', align: 'right', render: (v, r: any) => (r.rule === 'outstanding' ? yuan(v) : v) },
        { title: '阈值', dataIndex: 'threshold', align: 'right', render: (v, r: any) => (r.rule === 'outstanding' ? yuan(v) : v) },
        { title: '等级', render: (_, r: any) => <LevelTag level={r.level} /> },
        // The rule's own words, wrapped: a clerk reads the whole reason, not its first line.
        { title: '说明', dataIndex: 'detail', width: 230 },
      ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>信号</Typography.Title>
      <Chart label="按日信号数" height={180} option={{ tooltip: {}, grid: { left: 36, right: 12, top: 12, bottom: 24 }, xAxis: { type: 'category', data: byDay.map(([d]) => d.slice(5)) }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', data: byDay.map(([, n]) => n), itemStyle: { color: '#1d4f91' } }] }} />
      <Table size="small" rowKey={(s: any) => `${s.kind}-${s.day}-${s.source}`} pagination={{ pageSize: 8 }} dataSource={e.signals} columns={[
        { title: '日期', dataIndex: 'day', width: 130, render: dateLabel },
        { title: '类型', dataIndex: 'kind', render: (k) => SIGNAL_KINDS[k] ?? k },
        { title: '来源', dataIndex: 'source', render: signalSourceLabel },
        { title: '数量', dataIndex: 'count', align: 'right' },
      ]} />
      <Modal title="指派承办单位" open={assigning} onCancel={() => setAssigning(false)} onOk={assign} okText="指派" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item label="承办单位" name="assignedTo" rules={[{ required: true, message: '请选择承办单位' }]}>
            <Select id="assignedTo" showSearch optionFilterProp="label" options={(offices.data?.items ?? []).filter((o: any) => o.active).map((o: any) => ({ value: o.officeId, label: o.name }))} />
          </Form.Item>
          <Form.Item label="指派说明（选填）" name="note"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 预警看板: live alerts of this desk, most severe first; new ones appear without reloading. */
export function AlertBoardPage({ session }: { session: Session }) {
  const { notification } = App.useApp();
  const service = deskService(session.user.agencyType);
  const [level, setLevel] = useState<Level | undefined>();
  const [status, setStatus] = useState<string>('live');
  const list = useLoad(() => api(service).get(`/alerts?status=${status}&limit=500`), [status]);
  const [alerts, setAlerts] = useState<any[]>([]);
  const [connected, setConnected] = useState(false);
  const [openId, setOpenId] = useState<string | undefined>();
  // Alerts known to this screen, and the new ones since the user last closed the notice: one notice, updated in place.
  const known = useRef(new Set<string>());
  const fresh = useRef<any[]>([]);
  useEffect(() => {
    setAlerts(list.data?.items ?? []);
    for (const a of list.data?.items ?? []) known.current.add(a.alertId);
  }, [list.data]);
  useEffect(() => {
    const feed = liveFeed(service, '/alerts/stream', (_type, a) => {
      if (!known.current.has(a.alertId) && a.msgType === 'Alert') {
        fresh.current = [a, ...fresh.current];
        const n = fresh.current.length;
        notification.warning({
          key: 'new-alerts', placement: 'bottomRight', duration: 0,
          title: n === 1 ? `新预警：${a.subject.label}` : `新预警 ${n} 条`,
          description: fresh.current.slice(0, 3).map((x) => `${x.levelLabel} · ${x.divisionName} · ${x.subject.label}`).join('\n') + (n > 3 ? `\n…… 另有 ${n - 3} 条` : ''),
          onClose: () => (fresh.current = []),
          style: { whiteSpace: 'pre-line' },
        });
      }
      known.current.add(a.alertId);
      setAlerts((prev) => merge(prev, a));
    }, setConnected);
    return () => {
      feed.stop();
      notification.destroy('new-alerts');
    };
  }, [service]);
  const shown = alerts.filter((a) => a.status === status && (!level || a.level === level)).sort((a, b) => severity(b) - severity(a) || b.receivedAt.localeCompare(a.receivedAt));
  const opened = alerts.find((a) => a.alertId === openId);
  return (
    <Card title={<Space>预警看板 <Badge status={connected ? 'success' : 'default'} text={connected ? '实时连接' : '连接中…'} /></Space>} extra={
      <Space>
        <Select value={status} onChange={setStatus} style={{ width: 120 }} aria-label="预警状态" options={[{ value: 'live', label: '处置中' }, { value: 'resolved', label: '已化解' }, { value: 'cancelled', label: '已撤销' }]} />
        <Select allowClear placeholder="全部等级" value={level} onChange={setLevel} style={{ width: 160 }} aria-label="预警等级" options={LEVEL_ORDER.slice().reverse().map((l) => ({ value: l, label: LEVELS[l] }))} />
        <Button onClick={list.reload}>刷新</Button>
      </Space>
    }>
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="alertId" size="middle" dataSource={shown} pagination={{ pageSize: 12, showSizeChanger: false }} locale={{ emptyText: '暂无预警' }}
          onRow={(a: any) => rowOpens(() => setOpenId(a.alertId), 'alert-row')}
          columns={[
            { title: '等级', width: 140, render: (_, a: any) => <LevelTag level={a.level} /> },
            { title: '对象', render: (_, a: any) => <>{a.subject.label}<br /><Typography.Text type="secondary">{a.subjectKindLabel}</Typography.Text></> },
            { title: '地区', dataIndex: 'divisionName', width: 120 },
            { title: '人数', render: (_, a: any) => a.explanation.figures.workers, align: 'right', width: 70 },
            { title: '拖欠金额', render: (_, a: any) => yuan(a.explanation.figures.outstandingFen), align: 'right' },
            { title: '最新变化', dataIndex: 'change', ellipsis: true },
            { title: '签收', width: 90, render: (_, a: any) => (a.acknowledgedByMe ? <Tag color="green">已签收</Tag> : <Tag color="red">未签收</Tag>) },
            { title: '更新', dataIndex: 'receivedAt', render: dateTime, width: 165 },
          ]} />
      </Loading>
      <Drawer title="预警详情与依据" size={820} open={!!opened} onClose={() => setOpenId(undefined)} destroyOnHidden>
        {opened && <AlertDetail alert={opened} session={session} onDone={() => undefined} />}
      </Drawer>
    </Card>
  );
}
