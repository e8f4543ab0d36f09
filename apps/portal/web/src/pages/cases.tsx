import { Alert, App, AutoComplete, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, dateTime, yuan, dateLabel } from '../api';
import type { Session } from '../api';
import { ClockChanges } from '../clock-changes';
import { ExportButtons, Loading, showErrors, stepFacts, useLoad, useReveal, rowOpens, useSubmitKey } from '../components';
import { AGENCY_TYPE_NAMES, AREAS, RECEIVING_AGENCY_TYPES, CONSENT_METHODS, COURT_DIRECT_BASES, DECISION_REMEDY, OBJECTION_DECISIONS, REFUSAL_GROUNDS, TERMINATION_GROUNDS, GANZHOU_CITY_CODE, KEY_MATTERS, options, REFERRAL_STATUS_COLORS, serviceAreaName, SHAREABLE_FIELDS } from '../labels';

const STATUS = { received: '已受理登记', accepted: '已决定给予法律援助', refused: '不予法律援助', terminated: '已终止法律援助', closed: '已结案', transferred_out: '已移交外市' };
const CLOCK_STATES: Record<string, string> = { running: '计算中', paused: '暂停（待补材料）', stopped: '已停止' };

/**
 * What the law asks before a referral to arbitration or court, as the service checks it: a labor dispute goes to court
 * after arbitration or on a named ground; a claim before one of them is not sent to the other without a reason.
 */
function procedureOf(application: any, type?: string): { needsCourtBasis: boolean; parallelWith?: string } {
  const referrals: any[] = application.referrals ?? [];
  // Arbitration that let its period to accept or to award run out opens the way to court (LDMAL arts. 29, 43).
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const lapsed = (r: any) => r.toAgencyType === 'arbitration' && r.clockStatus === 'running' && r.clockDueOn && r.clockDueOn < today && ['arbitration.acceptance', 'arbitration.award'].includes(r.clockRule);
  const ended = (r: any) => ['resolved', 'declined', 'revoked'].includes(r.status) || ['handed_to_court', 'award_final', 'award_non_final'].includes(r.lastStep) || lapsed(r);
  const arbitrationEnded = referrals.some((r) => r.toAgencyType === 'arbitration' && ended(r));
  const urgentGround = ['preservation', 'advance_execution'].includes(application.urgentKind) ||
    referrals.some((r) => r.toAgencyType === 'work-injury' && r.lastStep === 'injury_not_recognized');
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
    // The police get the victim's identity and the project; the worker's telephone only if the clerk adds it.
    form.setFieldsValue({ share: type === 'union' && !consent ? ['project'] : type === 'public-security' ? ['idNumber', 'project'] : ['idNumber', 'phone', 'project'] });
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
            <Radio.Group id="toAgencyType" options={RECEIVING_AGENCY_TYPES.map((t) => ({ value: t, label: AGENCY_TYPE_NAMES[t] }))} />
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

/**
 * The center's own moves on a referral: withdraw one the office has not accepted (撤回), or send a returned one
 * back with what the office asked for (补充材料后重新移送).
 */
function ReferralActions({ a, r, onDone }: { a: any; r: any; onDone: () => void }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<'revoke' | 'resubmit' | undefined>();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submitKey = useSubmitKey();
  const canRevoke = ['requested', 'received', 'returned'].includes(r.status);
  const canResubmit = r.status === 'returned';
  if (!canRevoke && !canResubmit) return null;
  const run = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api('legal-aid').post(`/applications/${a.id}/referrals/${r.id}/${action}`, v, submitKey.key());
      submitKey.renew();
      message.success(action === 'revoke' ? '已撤回，对方将收到撤回通知' : '已补充材料并重新移送');
      setAction(undefined);
      form.resetFields();
      onDone();
    } catch (e) {
      showErrors(form, e, message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Space size={0} data-testid="referral-actions">
        {canResubmit && <Button type="link" size="small" onClick={() => setAction('resubmit')}>补充后重新移送</Button>}
        {canRevoke && <Button type="link" size="small" danger onClick={() => setAction('revoke')}>撤回</Button>}
      </Space>
      <Modal title={action === 'revoke' ? `撤回移送${r.toAgencyTypeLabel}` : `补充材料后重新移送${r.toAgencyTypeLabel}`} open={!!action} onCancel={() => setAction(undefined)}
        onOk={run} confirmLoading={busy} okText={action === 'revoke' ? '确认撤回' : '重新移送'} okButtonProps={{ danger: action === 'revoke' }} cancelText="取消" destroyOnHidden>
        <Form form={form} name="referralAction" layout="vertical">
          {action === 'resubmit' && r.statusNote && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="对方要求补充" description={r.statusNote} />}
          {action === 'revoke'
            ? <Form.Item label="撤回理由" name="reason" rules={[{ required: true, min: 2, max: 2000, message: '请填写撤回理由（2至2000个字符）' }]}><Input.TextArea rows={3} /></Form.Item>
            : <Form.Item label="补充的材料或信息" name="note" rules={[{ required: true, min: 2, max: 2000, message: '请说明补充的材料（2至2000个字符）' }]}><Input.TextArea rows={3} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}

type CaseAction = 'accept' | 'refuse' | 'materials' | 'materialsReceived' | 'assign' | 'paperwork' | 'close' | 'terminate' | 'transfer' | 'objection' | 'review';
const CASE_ACTION_TITLES: Record<CaseAction, string> = {
  accept: '决定给予法律援助', refuse: '不予法律援助', materials: '告知补充材料', materialsReceived: '补充材料已收到', assign: '指派承办律师',
  paperwork: '确认材料已补齐', close: '结案', terminate: '终止法律援助', transfer: '移交其他法律援助中心', objection: '登记异议', review: '录入异议审查结论',
};
/** Where each action posts (the others post to /applications/{id}/{action}). */
const CASE_ACTION_PATHS: Partial<Record<CaseAction, string>> = { materials: 'materials/request', materialsReceived: 'materials/received', objection: 'objections' };
/** The short label of an action's button, where the title is long. */
const CASE_ACTION_BUTTONS: Partial<Record<CaseAction, string>> = { transfer: '移交', review: '异议审查结论' };
const NO_FORM: CaseAction[] = ['accept', 'paperwork', 'materialsReceived'];
const OTHER_CITY = 'other';

/**
 * The legal aid center's own steps on its case, as its roles may take them: the decision, the lawyer's assignment
 * (from the office's lawyers with their load), the paperwork of a case accepted first, closing with its report.
 */
function CaseActions({ a, session, onDone }: { a: any; session: Session; onDone: (next: any | null) => void }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<CaseAction | undefined>();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submitKey = useSubmitKey();
  // The center's roster with each one's open cases (its active entries), and the names assigned before it was kept.
  const lawyers = useLoad(() => (action === 'assign'
    ? Promise.all([api('legal-aid').get('/lawyers'), api('legal-aid').get('/applications/lawyers')]).then(([roster, assigned]) => ({ roster: roster.items.filter((l: any) => l.active), assigned: assigned.items }))
    : Promise.resolve({ roster: [], assigned: [] })), [action]);
  const has = (...roles: string[]) => roles.some((r) => session.user.roles.includes(r));
  const open = !['closed', 'transferred_out', 'refused', 'terminated'].includes(a.status);
  const pendingObjection = (a.objections ?? []).find((o: any) => o.status === 'pending');
  const can: Record<CaseAction, boolean> = {
    accept: a.status === 'received' && has('lawyer', 'supervisor'),
    refuse: a.status === 'received' && has('lawyer', 'supervisor'),
    materials: a.status === 'received' && !a.materialsRequested && has('clerk', 'lawyer', 'supervisor'),
    materialsReceived: a.status === 'received' && !!a.materialsRequested && has('clerk', 'lawyer', 'supervisor'),
    assign: a.status === 'accepted' && !a.lawyerName && has('supervisor'),
    paperwork: open && a.acceptFirst && !a.paperworkCompletedAt && has('clerk', 'lawyer', 'supervisor'),
    close: open && a.status === 'accepted' && has('lawyer', 'supervisor'),
    transfer: open && has('clerk', 'lawyer', 'supervisor'),
    terminate: a.status === 'accepted' && has('supervisor'),
    objection: ['refused', 'terminated'].includes(a.status) && !pendingObjection && has('clerk', 'lawyer', 'supervisor'),
    review: !!pendingObjection && has('supervisor'),
  };
  const toCenter = Form.useWatch('toCenter', form);
  const run = async () => {
    const v = NO_FORM.includes(action!) ? {} : await form.validateFields();
    setBusy(true);
    try {
      if (action === 'transfer') {
        const other = v.toCenter === OTHER_CITY;
        await api('legal-aid').post(`/applications/${a.id}/transfer`, {
          toCenter: other ? `legal-aid:${v.otherArea}` : `legal-aid:${v.toCenter}`, ...(other ? { toCenterName: v.toCenterName } : {}), reason: v.reason,
          consent: { given: true, method: v.consentMethod, at: v.consentAt.toISOString() },
        }, submitKey.key());
        // Within Ganzhou the case now belongs to the other center, which this office may no longer read.
        onDone(await api('legal-aid').get(`/applications/${a.id}`).catch(() => null));
      } else if (action === 'objection') {
        onDone(await api('legal-aid').post(`/applications/${a.id}/objections`, { ...v, receivedOn: v.receivedOn.format('YYYY-MM-DD') }, submitKey.key()));
      } else if (action === 'review') {
        onDone(await api('legal-aid').post(`/applications/${a.id}/objections/${pendingObjection.id}/review`, { ...v, decidedOn: v.decidedOn.format('YYYY-MM-DD') }, submitKey.key()));
      } else onDone(await api('legal-aid').post(`/applications/${a.id}/${CASE_ACTION_PATHS[action!] ?? action}`, v, submitKey.key()));
      submitKey.renew();
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
          <Button key={k} type={k === 'accept' || k === 'close' ? 'primary' : 'default'} danger={k === 'refuse' || k === 'terminate'} onClick={() => setAction(k)}>
            {CASE_ACTION_BUTTONS[k] ?? CASE_ACTION_TITLES[k]}
          </Button>
        ))}
      </Space>
      <Modal title={action ? CASE_ACTION_TITLES[action] : ''} open={!!action} onCancel={() => setAction(undefined)} onOk={run} confirmLoading={busy} okText="确定" cancelText="取消" destroyOnHidden>
        <Form form={form} name="caseAction" layout="vertical">
          {action === 'accept' && <Typography.Paragraph>决定给予{a.worker.name}法律援助{a.greenChannel ? '（绿色通道，免予经济困难审查）' : ''}。决定后，审查决定期限停止计算，开始计算指派期限。</Typography.Paragraph>}
          {action === 'paperwork' && <Typography.Paragraph>先行受理的案件，确认申请材料已补齐。</Typography.Paragraph>}
          {action === 'materialsReceived' && <Typography.Paragraph>申请人已按告知补充材料：{a.materialsRequested}。审查决定期限自今日起继续计算。</Typography.Paragraph>}
          {action === 'materials' && <>
            <Typography.Paragraph type="secondary">申请材料不齐全的，应一次性告知申请人需要补充的材料或需作出说明的事项；补充期间审查决定期限暂停计算。申请人未按要求补充的，视为撤回申请（《法律援助法》第四十三条）。</Typography.Paragraph>
            <Form.Item label="需补充的材料或说明事项" name="items" rules={[{ required: true, min: 2, max: 2000, message: '请列明需补充的材料（2至2000个字符）' }]}><Input.TextArea rows={3} /></Form.Item>
          </>}
          {(action === 'refuse' || action === 'terminate') && <>
            <Form.Item label={action === 'refuse' ? '不予法律援助的理由' : '终止的情形（《法律援助法》第四十八条）'} name="ground" rules={[{ required: true, message: '请选择' }]}
              extra={action === 'refuse' && !a.meansTestRequired ? '本申请免予核查经济困难状况（《法律援助法》第四十二条），不能以经济状况为由不予援助。' : undefined}>
              <Select options={Object.entries(action === 'refuse' ? REFUSAL_GROUNDS : TERMINATION_GROUNDS).map(([value, label]) => ({ value, label, disabled: value === 'means_not_met' && !a.meansTestRequired }))} />
            </Form.Item>
            <Form.Item label={action === 'refuse' ? '书面告知申请人的理由' : '终止的事实和理由'} name="note" rules={[{ required: true, min: 2, max: 2000, message: '请填写理由（2至2000个字符）' }]}><Input.TextArea rows={3} /></Form.Item>
            <Alert type="info" showIcon title="决定书应告知申请人的救济途径" description={DECISION_REMEDY} />
          </>}
          {action === 'objection' && <>
            <Typography.Paragraph type="secondary">申请人向司法行政部门提出的异议，按司法行政部门收到之日登记；审查期限五日。</Typography.Paragraph>
            <Form.Item label="司法行政部门收到异议的日期" name="receivedOn" initialValue={dayjs()} rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker format="YYYY年M月D日" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
            <Form.Item label="异议的理由" name="reason" rules={[{ required: true, min: 2, max: 2000, message: '请填写异议的理由（2至2000个字符）' }]}><Input.TextArea rows={3} /></Form.Item>
          </>}
          {action === 'review' && pendingObjection && <>
            <Typography.Paragraph type="secondary">按司法行政部门的审查决定书录入。责令改正的，{pendingObjection.against === 'refused' ? '案件回到审查决定，重新计算七日期限' : '恢复法律援助'}。</Typography.Paragraph>
            <Form.Item label="审查结论" name="decision" rules={[{ required: true, message: '请选择审查结论' }]}><Radio.Group options={options(OBJECTION_DECISIONS)} /></Form.Item>
            <Space>
              <Form.Item label="决定日期" name="decidedOn" initialValue={dayjs()} rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker format="YYYY年M月D日" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
              <Form.Item label="决定书文号" name="documentNumber" rules={[{ required: true, min: 2, max: 64, message: '请填写决定书文号' }]}><Input placeholder="如 章司法援异〔2026〕3号" /></Form.Item>
            </Space>
            <Form.Item label="说明（选填）" name="note"><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          </>}
          {action === 'assign' && (
            lawyers.data?.roster.length
              ? <Form.Item label="承办律师" name="lawyerName" rules={[{ required: true, message: '请从律师名册中选择承办律师' }]} extra="本中心律师名册中可指派的人员，在办件数少的在前。">
                  <Select showSearch optionFilterProp="label" options={lawyers.data.roster.map((l: any) => ({ value: l.name, label: `${l.name} · ${l.firmName ?? '本中心'}（在办 ${l.open} 件）` }))} />
                </Form.Item>
              : <Form.Item label="承办律师" name="lawyerName" rules={[{ required: true, message: '请选择或填写承办律师' }, { max: 50, message: '姓名最多 50 字' }]}
                  extra="本中心尚未登记律师名册：列出已承办案件的律师及其在办件数，也可直接填写姓名。">
                  <AutoComplete options={(lawyers.data?.assigned ?? []).map((l: any) => ({ value: l.name, label: `${l.name}（在办 ${l.open} 件）` }))} />
                </Form.Item>
          )}
          {action === 'transfer' && <>
            <Typography.Paragraph type="secondary">移交本市其他县（市、区）中心，案件及全部记录随之移交；移交外市中心的，本中心保留只读记录。须经劳动者同意。</Typography.Paragraph>
            <Form.Item label="接收中心" name="toCenter" rules={[{ required: true, message: '请选择接收中心' }]}>
              <Select showSearch optionFilterProp="label" options={[
                ...AREAS.filter((x) => `legal-aid:${x.code}` !== a.agencyId).map((x) => ({ value: x.code, label: `${x.name}法律援助中心` })),
                { value: OTHER_CITY, label: '外市法律援助中心…' },
              ]} />
            </Form.Item>
            {toCenter === OTHER_CITY && <Space.Compact block>
              <Form.Item name="otherArea" label="外市行政区划代码" style={{ width: 180 }} rules={[{ required: true, pattern: /^\d{6}$/, message: '请填写6位行政区划代码' }]}><Input placeholder="如 440305" /></Form.Item>
              <Form.Item name="toCenterName" label="外市中心名称" style={{ flex: 1 }} rules={[{ required: true, min: 2, max: 100, message: '请填写接收中心名称' }]}><Input placeholder="如 深圳市南山区法律援助处" /></Form.Item>
            </Space.Compact>}
            <Form.Item label="移交理由" name="reason" rules={[{ required: true, min: 2, max: 2000, message: '请填写移交理由（2至2000个字符）' }]}><Input.TextArea rows={2} /></Form.Item>
            <Space>
              <Form.Item label="劳动者同意方式" name="consentMethod" rules={[{ required: true, message: '请选择同意方式' }]}><Select style={{ width: 160 }} options={options(CONSENT_METHODS)} /></Form.Item>
              <Form.Item label="同意时间" name="consentAt" initialValue={dayjs()} rules={[{ required: true, message: '请选择同意时间' }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY年M月D日 HH:mm" disabledDate={(d) => d.isAfter(dayjs())} />
              </Form.Item>
            </Space>
          </>}
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
  const mayAct = a && a.agencyId === session.user.officeId && !['closed', 'transferred_out'].includes(a.status) && session.user.roles.some((r) => ['clerk', 'lawyer', 'supervisor'].includes(r));
  return (
    <Loading loading={loading && !a} error={error}>
      {a && (
        <>
          {reveal.modal}
          {a.agencyId === session.user.officeId && <CaseActions a={a} session={session} onDone={(next) => { if (next) setData(next); else window.location.hash = '/cases'; onChange(); }} />}
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
            <Descriptions.Item label="所在地">{a.divisionName}{a.workplaceName && <>（工作地 {a.workplaceName}）</>}</Descriptions.Item>
            <Descriptions.Item label="案情" span={2}>{a.summary}</Descriptions.Item>
            {a.closingNote && <Descriptions.Item label="结案报告" span={2}>{a.closingNote}（{dateTime(a.closedAt)}）</Descriptions.Item>}
            {a.materialsRequested && <Descriptions.Item label="待补充材料" span={2}><Tag color="orange">审查期限暂停</Tag>{a.materialsRequested}（{dateTime(a.materialsRequestedAt)}告知）</Descriptions.Item>}
            {a.decision && <Descriptions.Item label={a.status === 'terminated' ? '终止理由' : '不予援助理由'} span={2}>
              <span data-testid="decision-ground">{a.decision.groundLabel}</span>：{a.decision.note}（{dateTime(a.decision.at)}）
              <div><Typography.Text type="secondary">{a.decision.remedy}</Typography.Text></div>
            </Descriptions.Item>}
          </Descriptions>
          {a.clocks?.length > 0 && <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>期限</Typography.Title>
            <Table size="small" rowKey="id" pagination={false} dataSource={a.clocks} data-testid="own-clocks" columns={[
              { title: '事项', render: (_, c: any) => <>{c.party === 'worker' && <Tag color="purple">劳动者</Tag>}{c.label}</> },
              { title: '期限', render: (_, c: any) => c.dueOn ? `${dateLabel(c.dueOn)}${c.provisional ? '（暂定）' : ''}` : '—', width: 150 },
              { title: '状态', width: 110, render: (_, c: any) => <Tag color={c.overdue ? 'red' : c.status === 'running' ? 'blue' : c.status === 'paused' ? 'orange' : 'default'}>{c.overdue ? '已逾期' : CLOCK_STATES[c.status] ?? c.status}</Tag> },
              { title: '依据', dataIndex: 'basis', ellipsis: true },
            ]} />
          </>}
          <Typography.Title level={5} style={{ marginTop: 16 }}>转介</Typography.Title>
          {a.referrals.length ? (
            <Table size="small" rowKey="id" pagination={false} dataSource={a.referrals} columns={[
              { title: '接收机构', dataIndex: 'toAgencyTypeLabel' },
              { title: '状态', render: (_, r: any) => <Tag color={REFERRAL_STATUS_COLORS[r.status]} data-testid="referral-status">{r.statusLabel}</Tag> },
              { title: '对方案号', dataIndex: 'agencyCaseNumber', render: (v) => v ?? '—' },
              { title: '对方期限', render: (_, r: any) => r.clock?.dueOn ? `${dateLabel(r.clock.dueOn)}${r.clock.status === 'running' ? '' : '（已停止）'}` : '—' },
              { title: '结果', render: (_, r: any) => r.outcomeLabel ? `${r.outcomeLabel} ${yuan(r.amountRecoveredFen)}` : (r.declineReasonLabel ?? (r.status === 'returned' ? r.statusNote : null) ?? '—') },
              ...(mayAct ? [{ title: '操作', width: 150, render: (_: unknown, r: any) => <ReferralActions a={a} r={r} onDone={() => { reload(); onChange(); }} /> }] : []),
            ]} />
          ) : <Empty description="尚未移送" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          {a.objections?.length > 0 && <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>异议及审查</Typography.Title>
            <Table size="small" rowKey="id" pagination={false} dataSource={a.objections} data-testid="objections" columns={[
              { title: '异议的决定', dataIndex: 'againstLabel' },
              { title: '收到日期', dataIndex: 'receivedOn', render: dateLabel },
              { title: '理由', dataIndex: 'reason', ellipsis: true },
              { title: '审查结论', render: (_, o: any) => <span data-testid="objection-status">{o.statusLabel}</span> },
              { title: '决定书', render: (_, o: any) => o.documentNumber ? `${o.documentNumber}（${dateLabel(o.decidedOn)}）` : '—' },
            ]} />
          </>}
          {a.transfers?.length > 0 && <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>异地协作（案件移交）</Typography.Title>
            <Table size="small" rowKey="id" pagination={false} dataSource={a.transfers} data-testid="transfers" columns={[
              { title: '时间', dataIndex: 'at', render: dateTime, width: 150 },
              { title: '移出', render: (_, t: any) => t.fromCenterName ?? t.fromCenter },
              { title: '接收', render: (_, t: any) => t.toCenterName ?? t.toCenter },
              { title: '劳动者同意', render: (_, t: any) => `${t.consentMethodLabel}（${dateTime(t.consentAt)}）` },
              { title: '理由', dataIndex: 'reason', ellipsis: true },
            ]} />
          </>}
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
  const [sort, setSort] = useState<{ field: string; order: 'ascend' | 'descend' } | undefined>();
  const PAGE = 15;
  // The server orders the whole list (not only the page on screen): newest first unless a column is sorted.
  const sortParam = sort ? `${sort.field === 'createdAt' ? (sort.order === 'ascend' ? 'oldest' : 'newest') : `${sort.field}_${sort.order === 'ascend' ? 'asc' : 'desc'}`}` : '';
  const list = useLoad(() => api('legal-aid').get(`/applications?limit=${PAGE}&offset=${(page - 1) * PAGE}${status ? `&status=${status}` : ''}${queue !== 'all' ? `&queue=${queue}` : ''}${search ? `&q=${encodeURIComponent(search)}` : ''}${sortParam ? `&sort=${sortParam}` : ''}`), [status, queue, search, page, sortParam]);
  const queues = QUEUES.filter((q) => q.roles.some((r) => session.user.roles.includes(r)));
  const exportQuery = `${status ? `status=${status}&` : ''}${queue !== 'all' ? `queue=${queue}&` : ''}${sortParam ? `sort=${sortParam}&` : ''}${search ? `q=${encodeURIComponent(search)}` : ''}`;
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
      <ClockChanges service="legal-aid" open={open} />
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="id" size="middle" dataSource={list.data?.items ?? []} loading={list.loading}
          pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
          locale={{ emptyText: search ? '没有找到符合条件的案件' : '暂无案件' }}
          onRow={(r: any) => rowOpens(() => open(r.id), 'case-row')}
          onChange={(_p, _f, sorter: any) => { setSort(sorter?.order ? { field: sorter.field === 'amountOwedFen' ? 'amount' : sorter.field === 'workersAffected' ? 'workers' : 'createdAt', order: sorter.order } : undefined); setPage(1); }}
          showSorterTooltip={{ title: '点击排序' }}
          columns={[
            { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', render: dateTime, width: 150, sorter: true, sortOrder: sort?.field === 'createdAt' ? sort.order : null },
            // The city center reads every county's cases: it needs to see whose each is.
            ...(session.user.divisionCode === GANZHOU_CITY_CODE ? [{ title: '县区', dataIndex: 'divisionCode', render: serviceAreaName, width: 100 }] : []),
            { title: '劳动者', dataIndex: ['worker', 'name'], width: 90 },
            // A masked ID number on one line (3607************91).
            { title: '身份证号', dataIndex: ['worker', 'idNumber'], width: 180 },
            { title: '事项', render: (_, r: any) => <>{r.matterLabel} {r.greenChannel && <Tag color="green">绿色通道</Tag>}</> },
            { title: '用人单位', dataIndex: ['employer', 'name'], ellipsis: true },
            { title: '金额', dataIndex: 'amountOwedFen', render: yuan, align: 'right', sorter: true, sortOrder: sort?.field === 'amount' ? sort.order : null, width: 130 },
            { title: '人数', dataIndex: 'workersAffected', align: 'right', sorter: true, sortOrder: sort?.field === 'workers' ? sort.order : null, width: 80 },
            { title: '状态', dataIndex: 'statusLabel' },
          ]} />
      </Loading>
      <Drawer title="案件详情" size={760} open={!!opened} onClose={() => open()} destroyOnHidden>
        {opened && <CaseDetail id={opened} session={session} onChange={list.reload} />}
      </Drawer>
    </Card>
  );
}
