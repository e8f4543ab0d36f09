import { App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api, dateLabel, dateTime, toFen, yuan } from '../api';
import type { Session } from '../api';
import { ClockChanges } from '../clock-changes';
import { DueTag, ExportButtons, Loading, showErrors, stepFacts, useLoad, useReveal, rowOpens } from '../components';
import { AGENCY_STEPS, DECLINE_REASONS, options, OUTCOMES, REFERRAL_STATUS_COLORS, STEP_FACTS } from '../labels';

const STATUSES = { received: '已接收', returned: '退回补充材料', accepted: '已受理', declined: '不予受理', resolved: '已办结', revoked: '已撤回' };

type Action = 'accept' | 'decline' | 'return' | 'resolve' | 'progress';
const ACTION_TITLES: Record<Action, string> = { accept: '受理', decline: '不予受理', return: '退回补充材料', resolve: '办结', progress: '记录办理步骤' };

/** A step and the facts it records (STEP_FACTS): an order's amount, deadline and number, a payment's amount, day and workers. */
function StepFields({ agencyType, form }: { agencyType: string; form: ReturnType<typeof Form.useForm>[0] }) {
  const step = Form.useWatch('step', form);
  const facts = STEP_FACTS[step] ?? {};
  const amount = [{ required: true, message: `请填写${facts.amount?.replace(/（元）$/, '')}` }, { validator: async (_: unknown, v: unknown) => { if (v && toFen(String(v)) === null) throw new Error('金额应为不超过两位小数的非负数，可带千分位逗号'); } }];
  return <>
    <Form.Item label="办理步骤" name="step" rules={[{ required: true, message: '请选择办理步骤' }]}><Select id="step" options={options((AGENCY_STEPS as Record<string, Record<string, string>>)[agencyType] ?? {})} /></Form.Item>
    {facts.amount && <Form.Item label={facts.amount} name="amount" rules={amount}><Input id="amount" suffix="元" inputMode="decimal" /></Form.Item>}
    {facts.dueOn && <Form.Item label={facts.dueOn} name="dueOn" rules={[{ required: true, message: `请填写${facts.dueOn}` }]}><Input id="dueOn" type="date" /></Form.Item>}
    {facts.paidOn && <Form.Item label={facts.paidOn} name="paidOn" rules={[{ required: true, message: `请填写${facts.paidOn}` }]}><Input id="paidOn" type="date" /></Form.Item>}
    {facts.workersPaid && <Form.Item label={facts.workersPaid} name="workersPaid" rules={[{ required: true, message: `请填写${facts.workersPaid}` }]}><InputNumber id="workersPaid" min={1} precision={0} style={{ width: '100%' }} /></Form.Item>}
    {facts.grade && <Form.Item label={facts.grade} name="grade" rules={[{ required: true, message: '请填写伤残等级（0至10）' }]}><InputNumber id="grade" min={0} max={10} precision={0} style={{ width: '100%' }} /></Form.Item>}
    {facts.documentNumber && <Form.Item label={facts.documentNumber} name="documentNumber" rules={[{ required: true, min: 2, max: 64, message: `请填写${facts.documentNumber}（2至64个字符）` }]}><Input id="documentNumber" /></Form.Item>}
    <Form.Item label="说明（选填）" name="note"><Input.TextArea rows={2} /></Form.Item>
  </>;
}

function ActionForm({ action, agencyType, form }: { action: Action; agencyType: string; form: ReturnType<typeof Form.useForm>[0] }) {
  return (
    <Form form={form} layout="vertical">
      {action === 'accept' && <>
        <Form.Item label="本机关案号（留空自动编号）" name="agencyCaseNumber" rules={[{ min: 2, max: 64, message: '案号应为 2 至 64 个字符' }]}><Input id="agencyCaseNumber" /></Form.Item>
        <Form.Item label="备注（选填）" name="note"><Input.TextArea rows={2} /></Form.Item>
      </>}
      {action === 'decline' && <>
        <Form.Item label="不予受理理由" name="reasonCode" rules={[{ required: true, message: '请选择理由' }]}><Select id="reasonCode" options={options(DECLINE_REASONS)} /></Form.Item>
        <Form.Item label="具体理由" name="reason" rules={[{ required: true, min: 2, max: 2000, message: '请填写不予受理的具体理由（2至2000个字符）' }]}><Input.TextArea id="reason" rows={3} /></Form.Item>
      </>}
      {action === 'return' && (
        <Form.Item label="需要补充的材料" name="reason" rules={[{ required: true, min: 2, max: 2000, message: '请说明需要补充的材料（2至2000个字符）' }]}><Input.TextArea id="reason" rows={3} /></Form.Item>
      )}
      {action === 'progress' && <StepFields agencyType={agencyType} form={form} />}
      {action === 'resolve' && <>
        <Form.Item label="办理结果" name="outcome" rules={[{ required: true, message: '请选择办理结果' }]}><Select id="outcome" options={options(OUTCOMES)} /></Form.Item>
        <Form.Item label="劳动者是否已确认款项到位" name="paymentConfirmed" rules={[{ required: true, message: '请选择是否已确认支付到位' }]}>
          <Radio.Group id="paymentConfirmed" options={[{ value: true, label: '已确认到位' }, { value: false, label: '尚未到位（需跟进）' }]} />
        </Form.Item>
        <Form.Item label="追回（到位）金额（元）" name="amountRecovered" dependencies={['outcome', 'paymentConfirmed']} rules={[
          { required: true, message: '请填写追回金额，未追回填 0' },
          ({ getFieldValue }) => ({ validator: async (_, v) => {
            const fen = toFen(String(v ?? ''));
            if (fen === null) throw new Error('金额应为不超过两位小数的非负数，可带千分位逗号');
            const paid = getFieldValue('paymentConfirmed') === true || ['paid_in_full', 'paid_in_part'].includes(getFieldValue('outcome'));
            if (paid && fen <= 0) throw new Error('已支付或确认到位时，须填写实际到位金额');
          } }),
        ]}><Input id="amountRecovered" suffix="元" inputMode="decimal" /></Form.Item>
        <Form.Item label="说明（选填）" name="note"><Input.TextArea rows={2} /></Form.Item>
      </>}
    </Form>
  );
}

/**
 * Extending a statutory clock: the officer asks (days and reason), the supervisor approves or refuses — within what
 * the rule allows, shown as 已延长/可延长.
 */
function ExtensionCell({ clock, referral, session, onChange }: { clock: any; referral: any; session: Session; onChange: (next: any) => void }) {
  const { message } = App.useApp();
  const [mode, setMode] = useState<'request' | 'refuse' | undefined>();
  const [form] = Form.useForm();
  const service = session.user.agencyType;
  const pending = (referral.pendingExtensions ?? []).find((p: any) => p.rule === clock.rule);
  const supervisor = session.user.roles.includes('supervisor');
  const left = (clock.extensionDays ?? 0) - (clock.extendedDays ?? 0);
  const path = `/referrals/${referral.id}/clocks/${encodeURIComponent(clock.rule)}`;
  const send = async (action: string, body: unknown, done: string) => {
    try {
      onChange(await api(service).post(`${path}/${action}`, body));
      message.success(done);
      setMode(undefined);
      form.resetFields();
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  // A court's trial period is extended by its president in the court's own system (Civil Procedure Law art. 164).
  if (clock.unit === 'month' && clock.status !== 'stopped') return <span style={{ color: '#999' }}>经院长批准可延长</span>;
  if (clock.status === 'stopped' || !clock.extensionDays) return <span style={{ color: '#999' }}>{clock.extensionDays ? '—' : '依法不可延长'}</span>;
  return (
    <Space direction="vertical" size={0}>
      {clock.extendedDays > 0 && <span>已延长 {clock.extendedDays} 日</span>}
      {pending ? <>
        <Tag color="orange" data-testid="extension-pending">申请延长 {pending.days} 日，待负责人审批</Tag>
        {supervisor && <Space size={4}>
          <Button size="small" type="link" onClick={() => send('extend', { days: pending.days, reason: `${String(pending.reason ?? '').slice(0, 480)}（负责人批准）` }, '已批准延长')}>批准</Button>
          <Button size="small" type="link" danger onClick={() => setMode('refuse')}>不予批准</Button>
        </Space>}
      </> : left > 0 && <Button size="small" title={`依法最多还可延长 ${left} 日`} onClick={() => setMode('request')}>申请延长</Button>}
      <Modal title={mode === 'refuse' ? '不予批准延长' : '申请延长办理期限'} open={!!mode} onCancel={() => setMode(undefined)} okText="确定" cancelText="取消" destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          if (mode === 'refuse') await send('extension-refuse', { reason: v.reason }, '已退回延长申请');
          else await send('extension-request', { days: v.days, reason: v.reason }, '已提交延长申请，待负责人审批');
        }}>
        <Form form={form} name="extension" layout="vertical">
          {mode === 'request' && <Form.Item label="延长天数" name="days" rules={[{ required: true, message: '请填写延长天数' }]}><InputNumber min={1} max={left} precision={0} style={{ width: '100%' }} /></Form.Item>}
          <Form.Item label={mode === 'refuse' ? '不予批准的理由' : '延长事由'} name="reason" rules={[{ required: true, min: 2, max: 500, message: '请填写理由（2至500个字符）' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function ReferralDetail({ id, session, onChange }: { id: string; session: Session; onChange: () => void }) {
  const { message } = App.useApp();
  const service = session.user.agencyType;
  const { data: r, error, loading, setData } = useLoad(() => api(service).get(`/referrals/${id}`), [id]);
  const reveal = useReveal(async (purpose) => setData(await api(service).get(`/referrals/${id}?purpose=${encodeURIComponent(purpose)}`)));
  const [action, setAction] = useState<Action | undefined>();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    const v = await form.validateFields();
    const body = action === 'resolve'
      ? { outcome: v.outcome, amountRecoveredFen: toFen(String(v.amountRecovered)), paymentConfirmed: v.paymentConfirmed === true, ...(v.note ? { note: v.note } : {}) }
      : Object.fromEntries(Object.entries({ ...v, amount: undefined, ...(v.amount !== undefined ? { amountFen: toFen(String(v.amount)) } : {}) }).filter(([, x]) => x !== undefined && x !== ''));
    setBusy(true);
    try {
      setData(await api(service).post(`/referrals/${id}/${action}`, body));
      message.success(`${ACTION_TITLES[action!]}：已完成`);
      setAction(undefined);
      form.resetFields();
      onChange();
    } catch (e) {
      showErrors(form, e, message);
    } finally {
      setBusy(false);
    }
  };
  const can = (a: string) => r?.allowedActions?.includes(a);
  return (
    <Loading loading={loading && !r} error={error}>
      {r && <>
        {reveal.modal}
        <Space style={{ marginBottom: 12 }} wrap>
          {can('accept') && <Button type="primary" onClick={() => setAction('accept')}>受理</Button>}
          {can('return') && <Button onClick={() => setAction('return')}>退回补充材料</Button>}
          {can('decline') && <Button danger onClick={() => setAction('decline')}>不予受理</Button>}
          {r.status === 'accepted' && <Button onClick={() => setAction('progress')}>记录办理步骤</Button>}
          {can('resolve') && <Button type="primary" onClick={() => setAction('resolve')}>办结</Button>}
        </Space>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="状态"><Tag color={REFERRAL_STATUS_COLORS[r.status]} data-testid="detail-status">{r.statusLabel}</Tag></Descriptions.Item>
          <Descriptions.Item label="本机关案号">{r.agencyCaseNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="劳动者">{r.worker.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号">
            {r.worker.idNumber ?? <Typography.Text type="secondary">未共享</Typography.Text>}
            {session.user.roles.includes('pii_reveal') && r.worker.idNumber?.includes('*') && <Button type="link" size="small" onClick={reveal.ask}>查看完整</Button>}
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">{r.worker.phone ?? '未共享'}</Descriptions.Item>
          <Descriptions.Item label="事项">{r.matterLabel} {r.greenChannel && <Tag color="green">绿色通道</Tag>}</Descriptions.Item>
          <Descriptions.Item label="用人单位" span={2}>{r.employer.name}（{r.employer.creditCode}）</Descriptions.Item>
          <Descriptions.Item label="项目">{r.project ? `${r.project.name}${r.project.address ? `，${r.project.address}` : ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="金额 / 人数">{yuan(r.amountOwedFen)} / {r.workersAffected} 人</Descriptions.Item>
          <Descriptions.Item label="共享依据" span={2}>{r.purposeLabel}{r.legalBasis ? `：${r.legalBasis}` : ''}</Descriptions.Item>
          <Descriptions.Item label="案情" span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</span></Descriptions.Item>
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>法定期限</Typography.Title>
        <Table size="small" rowKey="id" pagination={false} dataSource={r.clocks} columns={[
          { title: '期限', dataIndex: 'label' },
          { title: '依据', dataIndex: 'basis', ellipsis: true },
          { title: '截止日', render: (_, c: any) => <span style={{ color: c.overdue ? '#cf1322' : undefined }}>{dateLabel(c.dueOn)}{c.provisional ? '（暂定）' : ''}</span> },
          { title: '状态', render: (_, c: any) => (c.overdue ? <Tag color="red">已逾期</Tag> : { running: '计时中', paused: '已暂停', stopped: '已停止' }[c.status as 'running']) },
          { title: '延长', render: (_, c: any) => <ExtensionCell clock={c} referral={r} session={session} onChange={(next) => { setData(next); onChange(); }} /> },
        ]} />
        <Typography.Title level={5} style={{ marginTop: 16 }}>办理记录</Typography.Title>
        <Timeline items={r.timeline.map((t: any) => ({ content: <><b>{t.label}</b> · {dateTime(t.at)}{stepFacts(t.data) && <div data-testid="step-facts">{stepFacts(t.data)}</div>}{t.note ? <div>{t.note}</div> : null}</> }))} />
        <Modal title={action ? ACTION_TITLES[action] : ''} open={!!action} onCancel={() => setAction(undefined)} onOk={run} confirmLoading={busy} okText="确定" cancelText="取消" destroyOnHidden>
          {action && <ActionForm action={action} agencyType={service} form={form} />}
        </Modal>
      </>}
    </Loading>
  );
}

/** 转介收件箱: the office's referrals, priority first and then the nearest deadline; overdue in red. */
export function InboxPage({ session }: { session: Session }) {
  const [status, setStatus] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const service = session.user.agencyType;
  const list = useLoad(() => api(service).get(`/referrals?limit=200${status ? `&status=${status}` : ''}${overdue ? '&overdue=true' : ''}`), [status, overdue]);
  const opened = window.location.hash.split('/')[2];
  const open = (id?: string) => (window.location.hash = id ? `/inbox/${id}` : '/inbox');
  return (
    <Card title={`转介收件箱 · ${session.user.divisionName}${session.user.agencyName}`} extra={
      <Space>
        <Select allowClear placeholder="全部状态" style={{ width: 160 }} value={status} onChange={setStatus} aria-label="按状态筛选" options={options(STATUSES)} />
        <Space><Switch checked={overdue} onChange={setOverdue} aria-label="只看已逾期" />只看已逾期</Space>
        <Button onClick={list.reload}>刷新</Button>
        <ExportButtons service={service} path="/referrals" query={`${status ? `status=${status}&` : ''}${overdue ? 'overdue=true' : ''}`} name="转介" />
      </Space>
    }>
      <ClockChanges service={service} open={open} />
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="id" size="middle" dataSource={list.data?.items ?? []} pagination={{ pageSize: 15, showSizeChanger: false }} locale={{ emptyText: '收件箱为空' }}
          onRow={(r: any) => rowOpens(() => open(r.id), 'inbox-row')}
          rowClassName={(r: any) => (r.overdue ? 'row-overdue' : '')}
          columns={[
            { title: '优先', width: 70, render: (_, r: any) => (r.priority ? <Tag color="red">优先</Tag> : null) },
            { title: '劳动者', dataIndex: ['worker', 'name'] },
            { title: '事项', render: (_, r: any) => <>{r.matterLabel} {r.greenChannel && <Tag color="green">绿色通道</Tag>}</> },
            { title: '用人单位', dataIndex: ['employer', 'name'], ellipsis: true },
            { title: '金额', dataIndex: 'amountOwedFen', render: yuan, align: 'right' },
            { title: '移送时间', dataIndex: 'requestedAt', render: dateTime, width: 165 },
            { title: '状态', render: (_, r: any) => <Tag color={REFERRAL_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
            { title: '期限', width: 120, render: (_, r: any) => <DueTag dueOn={r.dueOn} daysLeft={r.daysLeft} /> },
          ]} />
      </Loading>
      <Drawer title="转介详情" size={760} open={!!opened} onClose={() => open()} destroyOnHidden>
        {opened && <ReferralDetail id={opened} session={session} onChange={list.reload} />}
      </Drawer>
    </Card>
  );
}
