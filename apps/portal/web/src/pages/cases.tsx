import { Alert, App, AutoComplete, Button, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, dateTime, yuan, dateLabel } from '../api';
import type { Session } from '../api';
import { ExportButtons, Loading, showErrors, stepFacts, useLoad, useReveal, rowOpens, useSubmitKey } from '../components';
import { AGENCY_TYPE_NAMES, COURT_DIRECT_BASES, GANZHOU_CITY_CODE, KEY_MATTERS, options, REFERRAL_STATUS_COLORS, serviceAreaName, SHAREABLE_FIELDS } from '../labels';

const STATUS = { received: '已受理登记', accepted: '已决定给予法律援助', closed: '已结案', transferred_out: '已移交外市' };

/**
 * What the law asks before a referral to arbitration or court, as the service checks it: a labor dispute goes to court
 * after arbitration or on a named ground; a claim before one of them is not sent to the other without a reason.
 */
function procedureOf(application: any, type?: string): { needsCourtBasis: boolean; parallelWith?: string } {
  const referrals: any[] = application.referrals ?? [];
  const ended = (r: any) => ['resolved', 'declined', 'revoked'].includes(r.status) || ['handed_to_court', 'award_final', 'award_non_final'].includes(r.lastStep);
  const arbitrationEnded = referrals.some((r) => r.toAgencyType === 'arbitration' && ended(r));
  const urgentGround = ['preservation', 'advance_execution'].includes(application.urgentKind);
  const needsCourtBasis = type === 'court' && KEY_MATTERS.includes(application.matter) && !arbitrationEnded && !urgentGround;
  const other = ['arbitration', 'court'].includes(type ?? '')
    ? referrals.find((r) => ['arbitration', 'court'].includes(r.toAgencyType) && r.toAgencyType !== type && !ended(r))
    : undefined;
  return { needsCourtBasis, parallelWith: other ? AGENCY_TYPE_NAMES[other.toAgencyType as 'court'] : undefined };
}

/** Where the case should go next and what is shared: the routing suggestion, the clerk confirms or changes it. */
export function ReferPanel({ application, onReferred }: { application: any; onReferred: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const routing = useLoad(() => api('legal-aid').get(`/applications/${application.id}/routing`), [application.id]);
  const type = Form.useWatch('toAgencyType', form);
  const consent = Form.useWatch('workerConsent', form);
  const [busy, setBusy] = useState(false);
  const submitKey = useSubmitKey();
  const suggestions: any[] = routing.data?.suggestions ?? [];
  const procedure = procedureOf(application, type);
  useEffect(() => {
    if (suggestions[0] && !form.getFieldValue('toAgencyType')) form.setFieldsValue({ toAgencyType: suggestions[0].agencyType, toAgencyId: suggestions[0].officeId });
  }, [routing.data]);
  useEffect(() => {
    // Statutory receivers get everything by default; the union only the project unless the worker consents.
    form.setFieldsValue({ share: type === 'union' && !consent ? ['project'] : ['idNumber', 'phone', 'project'] });
  }, [type, consent]);
  const submit = async (v: any) => {
    setBusy(true);
    try {
      const s = suggestions.find((x) => x.agencyType === v.toAgencyType);
      await api('legal-aid').post(`/applications/${application.id}/referrals`, {
        toAgencyType: v.toAgencyType, ...(s ? { toAgencyId: s.officeId } : {}), share: v.share ?? [], ...(v.workerConsent ? { workerConsent: true } : {}), ...(v.note ? { note: v.note } : {}),
        ...(procedure.needsCourtBasis && v.courtBasis ? { courtBasis: v.courtBasis } : {}), ...(procedure.parallelWith && v.parallelReason ? { parallelReason: v.parallelReason } : {}),
      }, submitKey.key());
      submitKey.renew();
      message.success('已移送，等待对方接收');
      onReferred();
    } catch (e) {
      showErrors(form, e, message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="移送其他机构" style={{ marginTop: 16 }}>
      <Loading loading={routing.loading} error={routing.error}>
        {suggestions.length ? (
          <Typography.Paragraph>
            建议：{suggestions.map((s) => <Tag key={s.agencyType} color="blue">{s.officeName ?? s.agencyTypeLabel}</Tag>)}
            <br /><Typography.Text type="secondary">{suggestions[0].reason}</Typography.Text>
          </Typography.Paragraph>
        ) : routing.data?.settled
          ? <Typography.Paragraph type="success" data-testid="settled">劳动者已确认足额支付到位，无需再移送，可办理结案。</Typography.Paragraph>
          : <Typography.Paragraph type="secondary">暂无建议的接收机构（可能已移送且尚未办结）。</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item label="接收机构" name="toAgencyType" rules={[{ required: true, message: '请选择接收机构' }]}>
            <Radio.Group id="toAgencyType" options={['labor-inspection', 'arbitration', 'court', 'union'].map((t) => ({ value: t, label: AGENCY_TYPE_NAMES[t as 'court'] }))} />
          </Form.Item>
          {procedure.needsCourtBasis && <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="arbitration-first"
              title="劳动争议应先申请劳动仲裁，对裁决不服再向人民法院起诉（《劳动争议调解仲裁法》第五条、第五十条）" description="本案尚未经仲裁。未经仲裁移送法院，须选明法定情形。" />
            <Form.Item label="未经仲裁起诉的情形" name="courtBasis" rules={[{ required: true, message: '请选择法定情形，或先移送劳动人事争议仲裁院' }]}>
              <Select id="courtBasis" options={options(COURT_DIRECT_BASES)} />
            </Form.Item>
          </>}
          {procedure.parallelWith && <>
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="parallel-proceedings"
              title={`该请求已在${procedure.parallelWith}处理中`} description="同一争议不宜同时进行仲裁和诉讼两个程序；确需同时移送（如申请保全），请说明理由。" />
            <Form.Item label="同时移送的理由" name="parallelReason" rules={[{ required: true, min: 4, max: 500, message: '请说明同时移送的理由（4至500个字符）' }]}>
              <Input.TextArea id="parallelReason" rows={2} />
            </Form.Item>
          </>}
          {type === 'union' && <Form.Item name="workerConsent" valuePropName="checked"><Checkbox id="workerConsent">劳动者已单独同意向工会提供身份证号、联系电话</Checkbox></Form.Item>}
          <Form.Item label="共享信息（最小必要）" name="share">
            <Checkbox.Group options={Object.entries(SHAREABLE_FIELDS).map(([value, label]) => ({ value, label, disabled: type === 'union' && !consent && value !== 'project' }))} />
          </Form.Item>
          <Form.Item label="移送说明（选填）" name="note"><Input.TextArea id="referNote" rows={2} maxLength={2000} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>确认移送</Button>
        </Form>
      </Loading>
    </Card>
  );
}

/** The worker's timeline across agencies: every referral's events, in order, with the agency that did them. */
export function CaseTimeline({ application }: { application: any }) {
  // Moving, revoking and resubmitting are the legal aid center's own steps; the rest are the receiving agency's.
  const ours = ['requested', 'revoked', 'resubmitted'];
  const entries = (application.referrals ?? []).flatMap((r: any) => r.timeline.map((t: any) => ({
    ...t, agency: ours.includes(t.type) ? '法律援助中心' : r.toAgencyTypeLabel, label: t.type === 'requested' ? `移送${r.toAgencyTypeLabel}` : t.label,
  })));
  entries.push({ type: 'created', at: application.createdAt, agency: '法律援助中心', note: `${application.channelLabel}登记` });
  entries.sort((a: any, b: any) => a.at.localeCompare(b.at));
  return (
    <Timeline items={entries.map((t: any) => ({
      color: t.type === 'declined' ? 'red' : t.type === 'resolved' || t.type === 'accepted' ? 'green' : 'blue',
      content: (
        <div data-testid="timeline-entry">
          <b>{t.agency}</b> · {t.type === 'created' ? '申请登记' : t.label}
          {t.data?.agencyCaseNumber && <> · {t.data.agencyCaseNumber}</>}
          {stepFacts(t.data) && <div data-testid="step-facts">{stepFacts(t.data)}</div>}
          <div><Typography.Text type="secondary">{dateTime(t.at)}{t.note ? ` · ${t.note}` : ''}</Typography.Text></div>
        </div>
      ),
    }))} />
  );
}

type CaseAction = 'accept' | 'assign' | 'paperwork' | 'close';
const CASE_ACTION_TITLES: Record<CaseAction, string> = { accept: '决定给予法律援助', assign: '指派承办律师', paperwork: '确认材料已补齐', close: '结案' };

/**
 * The legal aid center's own steps on its case, as its roles may take them: the decision, the lawyer's assignment
 * (from the office's lawyers with their load), the paperwork of a case accepted first, closing with its report.
 */
function CaseActions({ a, session, onDone }: { a: any; session: Session; onDone: (next: any) => void }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<CaseAction | undefined>();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const lawyers = useLoad(() => (action === 'assign' ? api('legal-aid').get('/applications/lawyers') : Promise.resolve({ items: [] })), [action]);
  const has = (...roles: string[]) => roles.some((r) => session.user.roles.includes(r));
  const open = !['closed', 'transferred_out'].includes(a.status);
  const can: Record<CaseAction, boolean> = {
    accept: a.status === 'received' && has('lawyer', 'supervisor'),
    assign: a.status === 'accepted' && !a.lawyerName && has('supervisor'),
    paperwork: open && a.acceptFirst && !a.paperworkCompletedAt && has('clerk', 'lawyer', 'supervisor'),
    close: open && a.status === 'accepted' && has('lawyer', 'supervisor'),
  };
  const run = async () => {
    const v = action === 'accept' || action === 'paperwork' ? {} : await form.validateFields();
    setBusy(true);
    try {
      onDone(await api('legal-aid').post(`/applications/${a.id}/${action}`, v));
      message.success(`${CASE_ACTION_TITLES[action!]}：已完成`);
      setAction(undefined);
      form.resetFields();
    } catch (e) {
      showErrors(form, e, message);
    } finally {
      setBusy(false);
    }
  };
  if (!Object.values(can).some(Boolean)) return null;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap data-testid="case-actions">
        {(Object.keys(can) as CaseAction[]).filter((k) => can[k]).map((k) => (
          <Button key={k} type={k === 'accept' || k === 'close' ? 'primary' : 'default'} onClick={() => setAction(k)}>{CASE_ACTION_TITLES[k]}</Button>
        ))}
      </Space>
      <Modal title={action ? CASE_ACTION_TITLES[action] : ''} open={!!action} onCancel={() => setAction(undefined)} onOk={run} confirmLoading={busy} okText="确定" cancelText="取消" destroyOnHidden>
        <Form form={form} name="caseAction" layout="vertical">
          {action === 'accept' && <Typography.Paragraph>决定给予{a.worker.name}法律援助{a.greenChannel ? '（绿色通道，免予经济困难审查）' : ''}。决定后，审查决定期限停止计算，开始计算指派期限。</Typography.Paragraph>}
          {action === 'paperwork' && <Typography.Paragraph>先行受理的案件，确认申请材料已补齐。</Typography.Paragraph>}
          {action === 'assign' && (
            <Form.Item label="承办律师" name="lawyerName" rules={[{ required: true, message: '请选择或填写承办律师' }, { max: 50, message: '姓名最多 50 字' }]}
              extra="列出本中心已承办案件的律师及其在办件数；新律师可直接填写姓名。">
              <AutoComplete options={(lawyers.data?.items ?? []).map((l: any) => ({ value: l.name, label: `${l.name}（在办 ${l.open} 件）` }))} />
            </Form.Item>
          )}
          {action === 'close' && <>
            {a.referrals.some((r: any) => !['declined', 'resolved', 'revoked'].includes(r.status)) && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="尚有转介未反馈办理结果，结案会被拒绝" />}
            <Form.Item label="结案报告" name="note" rules={[{ required: true, min: 2, max: 2000, message: '请填写结案报告（2至2000个字符）：办理经过、结果、追回金额' }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </>}
        </Form>
      </Modal>
    </>
  );
}

export function CaseDetail({ id, session, onChange }: { id: string; session: Session; onChange: () => void }) {
  const { data: a, error, loading, setData, reload } = useLoad(() => api('legal-aid').get(`/applications/${id}`), [id]);
  const reveal = useReveal(async (purpose) => setData(await api('legal-aid').get(`/applications/${id}?purpose=${encodeURIComponent(purpose)}`)));
  return (
    <Loading loading={loading && !a} error={error}>
      {a && (
        <>
          {reveal.modal}
          {a.agencyId === session.user.officeId && <CaseActions a={a} session={session} onDone={(next) => { setData(next); onChange(); }} />}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="劳动者">{a.worker.name}</Descriptions.Item>
            <Descriptions.Item label="身份证号">
              <span data-testid="id-number">{a.worker.idNumber}</span>
              {session.user.roles.includes('pii_reveal') && a.worker.idNumber?.includes('*') && <Button type="link" size="small" onClick={reveal.ask}>查看完整</Button>}
            </Descriptions.Item>
            <Descriptions.Item label="联系电话">{a.worker.phone}</Descriptions.Item>
            <Descriptions.Item label="事项">{a.matterLabel} {a.greenChannel && <Tag color="green">绿色通道</Tag>}{a.acceptFirst && <Tag color="red">先行受理</Tag>}</Descriptions.Item>
            <Descriptions.Item label="用人单位" span={2}>{a.employer.name}（{a.employer.creditCode}）</Descriptions.Item>
            <Descriptions.Item label="金额">{yuan(a.amountOwedFen)}</Descriptions.Item>
            <Descriptions.Item label="涉及人数">{a.workersAffected}</Descriptions.Item>
            <Descriptions.Item label="状态"><span data-testid="case-status">{a.statusLabel}</span>{a.followUp && <Tag color="orange" style={{ marginLeft: 8 }}>待跟进履行</Tag>}</Descriptions.Item>
            <Descriptions.Item label="承办律师">{a.lawyerName ?? '未指派'}</Descriptions.Item>
            <Descriptions.Item label="决定时间">{a.acceptedAt ? dateTime(a.acceptedAt) : '—'}</Descriptions.Item>
            <Descriptions.Item label="所在地">{a.divisionName}</Descriptions.Item>
            <Descriptions.Item label="案情" span={2}>{a.summary}</Descriptions.Item>
            {a.closingNote && <Descriptions.Item label="结案报告" span={2}>{a.closingNote}（{dateTime(a.closedAt)}）</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>转介</Typography.Title>
          {a.referrals.length ? (
            <Table size="small" rowKey="id" pagination={false} dataSource={a.referrals} columns={[
              { title: '接收机构', dataIndex: 'toAgencyTypeLabel' },
              { title: '状态', render: (_, r: any) => <Tag color={REFERRAL_STATUS_COLORS[r.status]} data-testid="referral-status">{r.statusLabel}</Tag> },
              { title: '对方案号', dataIndex: 'agencyCaseNumber', render: (v) => v ?? '—' },
              { title: '对方期限', render: (_, r: any) => r.clock?.dueOn ? `${dateLabel(r.clock.dueOn)}${r.clock.status === 'running' ? '' : '（已停止）'}` : '—' },
              { title: '结果', render: (_, r: any) => r.outcomeLabel ? `${r.outcomeLabel} ${yuan(r.amountRecoveredFen)}` : (r.declineReasonLabel ?? '—') },
            ]} />
          ) : <Empty description="尚未移送" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          <Typography.Title level={5} style={{ marginTop: 16 }}>跨机构办理时间线</Typography.Title>
          <CaseTimeline application={a} />
          {a.status !== 'closed' && a.status !== 'transferred_out' && a.agencyId === session.user.officeId && (session.user.roles.some((r) => ['clerk', 'lawyer', 'supervisor'].includes(r))) && (
            <ReferPanel application={a} onReferred={() => { reload(); onChange(); }} />
          )}
        </>
      )}
    </Loading>
  );
}

/** 案件与转介: the office's cases, newest first; a case opens with its referrals and timeline. */
/** The work queues, for the roles whose work they are (the director decides and assigns, the lawyer handles). */
const QUEUES = [
  { value: 'decision', label: '待审查决定', roles: ['lawyer', 'supervisor'] },
  { value: 'assignment', label: '待指派律师', roles: ['supervisor'] },
  { value: 'paperwork', label: '先行受理待补材料', roles: ['clerk', 'lawyer', 'supervisor'] },
  { value: 'follow_up', label: '待跟进履行', roles: ['lawyer', 'supervisor'] },
  { value: 'mine', label: '本人承办', roles: ['lawyer'] },
];

export function CasesPage({ session }: { session: Session }) {
  const [status, setStatus] = useState<string | undefined>();
  const [queue, setQueue] = useState<string>('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const PAGE = 15;
  const list = useLoad(() => api('legal-aid').get(`/applications?limit=${PAGE}&offset=${(page - 1) * PAGE}${status ? `&status=${status}` : ''}${queue !== 'all' ? `&queue=${queue}` : ''}${search ? `&q=${encodeURIComponent(search)}` : ''}`), [status, queue, search, page]);
  const queues = QUEUES.filter((q) => q.roles.some((r) => session.user.roles.includes(r)));
  const exportQuery = `${status ? `status=${status}&` : ''}${queue !== 'all' ? `queue=${queue}&` : ''}${search ? `q=${encodeURIComponent(search)}` : ''}`;
  const opened = window.location.hash.split('/')[2];
  const open = (id?: string) => (window.location.hash = id ? `/cases/${id}` : '/cases');
  return (
    <Card title="案件与转介" extra={
      <Space>
        <Input.Search allowClear placeholder="姓名、证件号、电话、单位、案号" style={{ width: 220 }} aria-label="查找案件" data-testid="case-search"
          onSearch={(v) => { setSearch(v.trim()); setPage(1); }} />
        <Select allowClear placeholder="全部状态" style={{ width: 180 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} aria-label="按状态筛选"
          options={options(STATUS)} />
        <Button onClick={list.reload}>刷新</Button>
        <ExportButtons service="legal-aid" path="/applications" query={exportQuery} name="案件" />
      </Space>
    }>
      {queues.length > 0 && (
        <Segmented aria-label="工作队列" style={{ marginBottom: 12 }} value={queue} onChange={(v) => { setQueue(String(v)); setPage(1); }} data-testid="case-queues"
          options={[{ value: 'all', label: '全部案件' }, ...queues.map((q) => ({ value: q.value, label: q.label }))]} />
      )}
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="id" size="middle" dataSource={list.data?.items ?? []} loading={list.loading}
          pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
          locale={{ emptyText: search ? '没有找到符合条件的案件' : '暂无案件' }}
          onRow={(r: any) => rowOpens(() => open(r.id), 'case-row')}
          columns={[
            { title: '登记时间', dataIndex: 'createdAt', render: dateTime, width: 150 },
            // The city center reads every county's cases: it needs to see whose each is.
            ...(session.user.divisionCode === GANZHOU_CITY_CODE ? [{ title: '县区', dataIndex: 'divisionCode', render: serviceAreaName, width: 100 }] : []),
            { title: '劳动者', dataIndex: ['worker', 'name'] },
            { title: '身份证号', dataIndex: ['worker', 'idNumber'] },
            { title: '事项', render: (_, r: any) => <>{r.matterLabel} {r.greenChannel && <Tag color="green">绿色通道</Tag>}</> },
            { title: '用人单位', dataIndex: ['employer', 'name'], ellipsis: true },
            { title: '金额', dataIndex: 'amountOwedFen', render: yuan, align: 'right' },
            { title: '状态', dataIndex: 'statusLabel' },
          ]} />
      </Loading>
      <Drawer title="案件详情" size={760} open={!!opened} onClose={() => open()} destroyOnHidden>
        {opened && <CaseDetail id={opened} session={session} onChange={list.reload} />}
      </Drawer>
    </Card>
  );
}
