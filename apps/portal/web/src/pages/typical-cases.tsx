import { FileAddOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, dateTime, yuan, dateLabel } from '../api';
import type { Session } from '../api';
import { DueTag, Loading, rowOpens, showErrors, useLoad, useSubmitKey } from '../components';
import { GANZHOU_CITY_CODE, MATTERS, recentQuarters, serviceAreaName, TYPICAL_CASE_SECTIONS } from '../labels';

export const TYPICAL_STATUS_COLORS: Record<string, string> = { draft: 'default', county_review: 'processing', city_review: 'blue', returned: 'warning', published: 'success' };
export const DUTY_COLORS: Record<string, string> = { met: 'success', late: 'warning', overdue: 'error', pending: 'processing' };
const ACTION_NAMES: Record<string, string> = { proposed: '推荐起草', edited: '修改', submit: '提交县级审核', sent: '县级审核通过并报送', return: '退回修改', published: '市级审核通过，入库发布' };

/** 典型案例: propose from closed cases, edit (personal data refused), county and city review; each county's quarterly duty. */
export function TypicalCasesPage({ session }: { session: Session }) {
  const u = session.user;
  const isCity = u.divisionCode === GANZHOU_CITY_CODE;
  const [tab, setTab] = useState('cases');
  const [openId, setOpenId] = useState<string>();
  const [proposing, setProposing] = useState(false);
  const list = useLoad(() => api('legal-aid').get('/typical-cases?limit=100'));
  const reminders = useLoad(() => api('legal-aid').get('/typical-cases/reminders'));
  const duty = useLoad(() => api('legal-aid').get('/typical-cases/duty'));
  const mine = !isCity ? duty.data?.items?.[0] : undefined;
  const reloadAll = () => Promise.all([list.reload(), duty.reload(), reminders.reload()]);
  return (
    <Card title={`典型案例 · ${u.divisionName}`} extra={
      <Space>
        {!isCity && <Button type="primary" icon={<FileAddOutlined />} onClick={() => setProposing(true)}>推荐典型案例</Button>}
        <Button icon={<ReloadOutlined />} onClick={reloadAll}>刷新</Button>
      </Space>
    }>
      {mine && (
        <Alert style={{ marginBottom: 12 }} showIcon type={mine.status === 'met' ? 'success' : mine.status === 'pending' ? 'info' : 'error'} data-testid="duty-banner"
          title={`${mine.quarterLabel}典型案例：应于 ${dateLabel(mine.dueOn)} 前报送 1 至 2 件，已报送 ${mine.sent} 件（${mine.statusLabel}）`} />
      )}
      {!isCity && (reminders.data?.items ?? []).slice(0, 3).map((r: any) => (
        <Alert key={r.id} style={{ marginBottom: 8 }} type={r.kind === 'overdue' ? 'error' : 'warning'} showIcon title={`${r.kindLabel}：${r.message}`} />
      ))}
      <Tabs activeKey={tab} onChange={setTab} items={[
        { key: 'cases', label: '案例审核与起草', children: (
          <Loading loading={list.loading && !list.data} error={list.error}>
            <Table rowKey="id" size="middle" dataSource={list.data?.items ?? []} locale={{ emptyText: isCity ? '各县区尚未推荐典型案例' : '尚未推荐典型案例，可从已结案件中推荐' }}
              pagination={{ pageSize: 12 }} onRow={(r: any) => rowOpens(() => setOpenId(r.id), `typical-${r.id}`)} columns={[
                { title: '标题', dataIndex: 'title', ellipsis: true },
                { title: '县区', dataIndex: 'divisionName', width: 110 },
                { title: '报送季度', dataIndex: 'quarterLabel', width: 150 },
                { title: '状态', dataIndex: 'statusLabel', width: 170, render: (v, r: any) => <Tag color={TYPICAL_STATUS_COLORS[r.status]}>{v}</Tag> },
                { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: dateTime },
              ]} />
          </Loading>
        ) },
        { key: 'duty', label: '季度报送进度', children: <DutyBoard session={session} /> },
        { key: 'overdue', label: '逾期名单', children: <OverdueList /> },
      ]} />
      <ProposeModal open={proposing} onClose={() => setProposing(false)} onDone={(id) => { setProposing(false); reloadAll(); setOpenId(id); }} />
      <TypicalCaseDrawer id={openId} onClose={() => setOpenId(undefined)} onChanged={reloadAll} />
    </Card>
  );
}

function ProposeModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const closed = useLoad(() => (open ? api('legal-aid').get('/applications?status=closed&limit=200') : Promise.resolve({ items: [] })), [open]);
  const submitKey = useSubmitKey();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const tc = await api('legal-aid').post('/typical-cases', v, submitKey.key());
      submitKey.renew();
      message.success('已生成初稿，个人信息已删除，请核对修改');
      form.resetFields();
      onDone(tc.id);
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  return (
    <Modal title="从已结案件推荐典型案例" open={open} onCancel={onClose} onOk={submit} okText="生成初稿" cancelText="取消" destroyOnHidden width={640}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="系统据案件生成初稿，并删除姓名、身份证号码、电话、单位名称和详细地址；保存和报送时会再次检查。" />
      <Form form={form} layout="vertical">
        <Form.Item label="已结案件" name="applicationId" rules={[{ required: true, message: '请选择一件已结案件' }]}>
          <Select showSearch optionFilterProp="label" placeholder="选择本中心已结案件" loading={closed.loading} aria-label="已结案件"
            options={(closed.data?.items ?? []).map((a: any) => ({ value: a.id, label: `${a.closedAt?.slice(0, 10) ?? ''} ${MATTERS[a.matter as keyof typeof MATTERS]} · ${a.workersAffected}人 · ${a.summary.slice(0, 24)}` }))} />
        </Form.Item>
        <Form.Item label="计入季度" name="quarter" extra="默认为当前应报送的季度">
          <Select allowClear options={recentQuarters(5)} placeholder="当前应报送的季度" aria-label="计入季度" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One typical case: the text to edit, what the check still warns about, the review buttons and the history. */
export function TypicalCaseDrawer({ id, onClose, onChanged }: { id?: string; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [returning, setReturning] = useState(false);
  const [returnForm] = Form.useForm();
  const tc = useLoad(() => (id ? api('legal-aid').get(`/typical-cases/${id}`) : Promise.resolve(undefined)), [id]);
  const d = tc.data;
  useEffect(() => {
    if (d) form.setFieldsValue({ title: d.title, facts: d.facts, handling: d.handling, result: d.result, significance: d.significance, keywords: d.keywords });
  }, [d?.id, d?.version]);
  const after = (next: any, text: string) => {
    tc.setData(next);
    message.success(text);
    onChanged();
  };
  const save = async (quiet = false) => {
    const v = await form.validateFields();
    try {
      const next = await api('legal-aid').put(`/typical-cases/${id}`, { ...v, version: d.version });
      if (!quiet) after(next, '已保存');
      return next;
    } catch (e) {
      showErrors(form, e, message);
      throw e;
    }
  };
  const act = async (action: 'submit' | 'approve', text: string) => {
    try {
      if (d.actions.edit && form.isFieldsTouched()) await save(true);
      after(await api('legal-aid').post(`/typical-cases/${id}/${action}`, action === 'approve' ? {} : undefined), text);
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  const sendBack = async () => {
    const v = await returnForm.validateFields();
    try {
      after(await api('legal-aid').post(`/typical-cases/${id}/return`, v), '已退回修改');
      setReturning(false);
    } catch (e) {
      showErrors(returnForm, e, message);
    }
  };
  const readOnly = !d?.actions.edit;
  return (
    <Drawer open={!!id} onClose={onClose} size="large" title={d ? d.title : '典型案例'} destroyOnHidden extra={d && (
      <Space>
        {d.actions.edit && <Button onClick={() => save().catch(() => undefined)}>保存</Button>}
        {d.actions.submit && <Button type="primary" onClick={() => act('submit', '已提交县级审核')}>提交审核</Button>}
        {d.actions.return && <Button danger onClick={() => setReturning(true)}>退回修改</Button>}
        {d.actions.approve && <Button type="primary" onClick={() => act('approve', d.status === 'county_review' ? '已报送市法律援助中心' : '已入库发布')}>
          {d.status === 'county_review' ? '审核通过并报送' : '审核通过并发布'}</Button>}
      </Space>
    )}>
      <Loading loading={tc.loading && !d} error={tc.error}>
        {d && <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }} items={[
            { key: 's', label: '状态', children: <Tag color={TYPICAL_STATUS_COLORS[d.status]} data-testid="typical-status">{d.statusLabel}</Tag> },
            { key: 'q', label: '报送季度', children: `${d.divisionName} · ${d.quarterLabel}` },
            { key: 'w', label: '涉及人数', children: `${d.workersAffected} 人` },
            { key: 'm', label: '主张 / 追回', children: `${yuan(d.amountClaimedFen)} / ${yuan(d.amountRecoveredFen)}` },
          ]} />
          {d.status === 'returned' && d.returnNote && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`退回意见：${d.returnNote}`} />}
          {d.warnings.length > 0 && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="以下内容疑似个人信息，请核对（确属必要可保留）"
              description={<ul style={{ margin: 0, paddingLeft: 18 }}>{d.warnings.map((w: any, i: number) => <li key={i}>{TYPICAL_CASE_SECTIONS.find(([k]) => k === w.field)?.[1] ?? '标题'}：{w.message}</li>)}</ul>} />
          )}
          <Form form={form} layout="vertical" disabled={readOnly}>
            <Form.Item label="标题" name="title" rules={[{ required: true, min: 4, max: 80, message: '标题应为4至80个字符' }]}><Input /></Form.Item>
            {TYPICAL_CASE_SECTIONS.map(([key, label]) => (
              <Form.Item key={key} label={label} name={key} rules={[{ required: true, message: `请填写${label}` }]}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} aria-label={label} />
              </Form.Item>
            ))}
            <Form.Item label="关键词" name="keywords"><Select mode="tags" tokenSeparators={[',', '，', '、']} aria-label="关键词" /></Form.Item>
          </Form>
          <Typography.Title level={5}>办理记录</Typography.Title>
          <Timeline items={d.history.map((h: any) => ({ content: <>{dateTime(h.at)} · {serviceAreaName(h.byAgency.split(':')[1] ?? '')} {h.byName} · {ACTION_NAMES[h.action] ?? h.action}{h.note ? `：${h.note}` : ''}</> }))} />
        </>}
      </Loading>
      <Modal title="退回修改" open={returning} onCancel={() => setReturning(false)} onOk={sendBack} okText="退回" cancelText="取消" destroyOnHidden>
        <Form form={returnForm} layout="vertical">
          <Form.Item label="退回理由" name="note" rules={[{ required: true, min: 2, max: 500, message: '请填写退回理由（2至500个字符）' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/** Every county's duty for a quarter (the city), or the caller's own. */
function DutyBoard({ session }: { session: Session }) {
  const options = recentQuarters(5);
  const [quarter, setQuarter] = useState<string | undefined>();
  const duty = useLoad(() => api('legal-aid').get(`/typical-cases/duty${quarter ? `?quarter=${quarter}` : ''}`), [quarter]);
  const d = duty.data;
  return (
    <Loading loading={duty.loading && !d} error={duty.error}>
      {d && <>
        <Space style={{ marginBottom: 12 }} wrap>
          <Select value={quarter ?? d.quarter} onChange={setQuarter} options={options} style={{ width: 170 }} aria-label="报送季度" />
          <span>截止日 {dateLabel(d.items[0]?.dueOn)}（季度结束后10日内，遇节假日顺延）</span>
          {Object.entries(d.counts).map(([k, n]) => <Tag key={k} color={DUTY_COLORS[k]}>{d.statusLabels[k]} {n as number}</Tag>)}
        </Space>
        <Table rowKey="divisionCode" size="small" dataSource={d.items} pagination={false} data-testid="duty-table" columns={[
          { title: '县（市、区）', dataIndex: 'divisionName' },
          { title: '已报送', dataIndex: 'sent', render: (n, r: any) => `${n} 件${r.sent && r.sentOnTime < r.sent ? `（按时 ${r.sentOnTime}）` : ''}` },
          { title: '首次报送', dataIndex: 'firstSentAt', render: dateTime },
          { title: '期限', render: (_, r: any) => (r.status === 'pending' ? <DueTag dueOn={r.dueOn} daysLeft={r.daysLeft} /> : dateLabel(r.dueOn)) },
          { title: '状态', dataIndex: 'statusLabel', render: (v, r: any) => <Tag color={DUTY_COLORS[r.status]}>{v}</Tag> },
        ]} />
        {session.user.divisionCode !== GANZHOU_CITY_CODE && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>每季度报送 1 至 2 件；县级负责人审核通过即视为报送。</Typography.Paragraph>}
      </>}
    </Loading>
  );
}

function OverdueList() {
  const overdue = useLoad(() => api('legal-aid').get('/typical-cases/duty/overdue'));
  return (
    <Loading loading={overdue.loading && !overdue.data} error={overdue.error}>
      <Table rowKey={(r: any) => `${r.divisionCode}|${r.quarter}`} size="small" dataSource={overdue.data?.items ?? []} locale={{ emptyText: '没有逾期' }}
        pagination={{ pageSize: 20 }} data-testid="overdue-table" columns={[
          { title: '县（市、区）', dataIndex: 'divisionName' },
          { title: '季度', dataIndex: 'quarterLabel' },
          { title: '截止日', dataIndex: 'dueOn', render: dateLabel },
          { title: '情况', dataIndex: 'statusLabel', render: (v, r: any) => <Tag color={DUTY_COLORS[r.status]}>{v}</Tag> },
          { title: '首次报送', dataIndex: 'firstSentAt', render: dateTime },
        ]} />
    </Loading>
  );
}
