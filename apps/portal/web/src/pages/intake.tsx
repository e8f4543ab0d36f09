import { App, Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Result, Row, Select, Switch, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, toFen } from '../api';
import type { Session } from '../api';
import { showErrors, useSubmitKey } from '../components';
import { areaOptions, CHANNELS, creditCodeProblem, GREEN_CHANNEL_MATTERS, INDUSTRIES, MATTERS, options, residentIdProblem } from '../labels';
import { ReferPanel } from './cases';

/**
 * The open cases of the same worker and of the same employer, asked for as soon as the ID number or the credit code is
 * valid: a worker registered twice is one case, and many workers of one employer may be a group dispute.
 */
function useRelatedCases(idNumberText?: string, creditCodeText?: string) {
  const idNumber = String(idNumberText ?? '').trim().toUpperCase();
  const creditCode = String(creditCodeText ?? '').trim().toUpperCase();
  const query = [!residentIdProblem(idNumber) && idNumber && `idNumber=${idNumber}`, !creditCodeProblem(creditCode) && creditCode && `creditCode=${creditCode}`].filter(Boolean).join('&');
  const [found, setFound] = useState<any>();
  useEffect(() => {
    if (!query) return setFound(undefined);
    let current = true;
    api('legal-aid').get(`/applications/related?${query}`).then((r) => current && setFound(r), () => current && setFound(undefined));
    return () => {
      current = false;
    };
  }, [query]);
  if (!found || (!found.workerTotal && !found.employerTotal)) return null;
  const link = (a: any) => <a key={a.id} href={`#/cases/${a.id}`} target="_blank" rel="noreferrer">{a.worker.name}（{a.matterLabel}，{a.statusLabel}）</a>;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="related-cases" title="登记前请核对：已有未结案件" description={<>
      {found.workerTotal > 0 && <div>该劳动者已有 {found.workerTotal} 件未结案件：{found.sameWorker.map(link).reduce((x: any, y: any) => [x, '、', y])}。同一请求请勿重复登记，可在原案件中补充。</div>}
      {found.employerTotal > 0 && <div>该用人单位已有 {found.employerTotal} 件未结案件（{found.sameEmployer.slice(0, 5).map(link).reduce((x: any, y: any) => [x, '、', y])}{found.employerTotal > 5 ? ' 等' : ''}），请留意是否为群体性欠薪。</div>}
    </>} />
  );
}

const URGENT_KINDS = { limitation: '诉讼或仲裁时效、期限即将届满（7日内）', preservation: '需立即申请财产或证据保全', advance_execution: '需立即申请先予执行' };

/** 申请登记: the clerk's application form, checked as it is typed with the same rules the service applies. */
export function IntakePage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<any>();
  const submitKey = useSubmitKey();
  const matter = Form.useWatch('matter', form);
  const industry = Form.useWatch('industry', form);
  const related = useRelatedCases(Form.useWatch('idNumber', form), Form.useWatch('creditCode', form));
  const urgent = Form.useWatch('urgent', form);
  const migrant = Form.useWatch('migrantWorker', form);
  // Art. 42(3): the exemption is the migrant worker's, for wage and work-injury claims.
  const green = migrant !== false && GREEN_CHANNEL_MATTERS.includes(matter);

  const submit = async (v: any) => {
    setSaving(true);
    try {
      const body = {
        worker: { name: v.workerName, idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone },
        employer: { name: v.employerName, creditCode: v.creditCode.trim().toUpperCase() },
        ...(v.projectName ? { project: { name: v.projectName, ...(v.projectAddress ? { address: v.projectAddress } : {}) } } : {}),
        divisionCode: v.divisionCode, ...(v.workplaceDivisionCode && v.workplaceDivisionCode !== v.divisionCode ? { workplaceDivisionCode: v.workplaceDivisionCode } : {}), channel: v.channel, matter: v.matter, industry: v.industry,
        amountOwedFen: toFen(String(v.amountYuan)), workersAffected: v.workersAffected, summary: v.summary,
        migrantWorker: v.migrantWorker !== false,
        ...(v.employmentEndedOn ? { employmentEndedOn: v.employmentEndedOn.format('YYYY-MM-DD') } : {}),
        ...(v.matter === 'work_injury' && v.injuredOn ? { injuredOn: v.injuredOn.format('YYYY-MM-DD') } : {}),
        ...(v.industry === 'construction' && v.contractorName && v.contractorCode ? { generalContractor: { name: v.contractorName, creditCode: v.contractorCode.trim().toUpperCase() } } : {}),
        ...(v.industry === 'construction' && v.hiredByForeman ? { hiredByForeman: true } : {}),
        ...(v.industry === 'construction' && v.governmentFunded ? { governmentFunded: true } : {}),
        ...(v.urgent ? { urgent: true, urgentKind: v.urgentKind, urgentReason: v.urgentReason } : {}),
      };
      const a = await api('legal-aid').post('/applications', body, submitKey.key());
      submitKey.renew();
      message.success('申请已登记');
      setCreated(a);
    } catch (e) {
      // The service names the fields in its own shape (worker.idNumber); map them back onto the form's fields.
      const mapped = e as any;
      if (mapped?.fields) {
        const rename: Record<string, string> = { 'worker.name': 'workerName', 'worker.idNumber': 'idNumber', 'worker.phone': 'phone', 'employer.name': 'employerName', 'employer.creditCode': 'creditCode', 'project.name': 'projectName', 'project.address': 'projectAddress', amountOwedFen: 'amountYuan', 'generalContractor.name': 'contractorName', 'generalContractor.creditCode': 'contractorCode' };
        mapped.fields = Object.fromEntries(Object.entries(mapped.fields).map(([k, v]) => [rename[k] ?? k, v]));
      }
      showErrors(form, e, message);
    } finally {
      setSaving(false);
    }
  };

  if (created) {
    return (
      <Card title="登记完成">
        <Result status="success" title={`已登记：${created.worker.name}（${created.matterLabel}）`}
          subTitle={<span>{created.greenChannel && <Tag color="green">绿色通道</Tag>}{created.acceptFirst && <Tag color="red">先行受理</Tag>}身份证号 {created.worker.idNumber}</span>}
          extra={<Button onClick={() => { setCreated(undefined); form.resetFields(); }}>继续登记</Button>} />
        <ReferPanel application={created} onReferred={() => (window.location.hash = `/cases/${created.id}`)} />
      </Card>
    );
  }

  return (
    <Card title="法律援助申请登记" extra={green ? <Tag color="green" data-testid="green-channel">绿色通道：免予经济困难审查，优先受理、优先指派</Tag> : null}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ divisionCode: session.user.divisionCode === '360700' ? '360702' : session.user.divisionCode, channel: 'window', workersAffected: 1, urgent: false, migrantWorker: true }} scrollToFirstError>
        <Row gutter={16}>
          <Col span={8}><Form.Item label="劳动者姓名" name="workerName" rules={[{ required: true, message: '请填写姓名' }, { max: 50, message: '姓名最多 50 字' }]}><Input id="workerName" /></Form.Item></Col>
          <Col span={8}>
            <Form.Item label="公民身份号码" name="idNumber" validateTrigger="onBlur" rules={[{ required: true, message: '请填写身份证号' }, { validator: async (_, v) => { const p = v ? residentIdProblem(String(v).trim().toUpperCase()) : null; if (p) throw new Error(p); } }]}>
              <Input id="idNumber" maxLength={18} placeholder="18 位，末位可为 X" />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item label="联系电话" name="phone" rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '电话号码格式不正确（手机11位或区号加座机号）' }]}><Input id="phone" /></Form.Item></Col>
        </Row>
        {related}
        <Row gutter={16}>
          <Col span={12}><Form.Item label="用人单位名称" name="employerName" rules={[{ required: true, message: '请填写用人单位名称' }]}><Input id="employerName" /></Form.Item></Col>
          <Col span={12}>
            <Form.Item label="统一社会信用代码" name="creditCode" validateTrigger="onBlur" rules={[{ required: true, message: '请填写统一社会信用代码' }, { validator: async (_, v) => { const p = v ? creditCodeProblem(String(v).trim().toUpperCase()) : null; if (p) throw new Error(p); } }]}>
              <Input id="creditCode" maxLength={18} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}><Form.Item label="项目/工地名称（选填）" name="projectName"><Input id="projectName" /></Form.Item></Col>
          <Col span={6}><Form.Item label="项目地址（选填）" name="projectAddress"><Input id="projectAddress" /></Form.Item></Col>
          <Col span={6}>
            <Form.Item label="工作地（选填）" name="workplaceDivisionCode" tooltip="与案件所在县不同时选择：劳动保障监察、仲裁按工作地（用工所在地）管辖">
              <Select id="workplaceDivisionCode" allowClear placeholder="同案件所在县" options={areaOptions} showSearch optionFilterProp="label" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}><Form.Item label="案件所在县（市、区）" name="divisionCode" rules={[{ required: true, message: '请选择' }]}><Select id="divisionCode" options={areaOptions} showSearch optionFilterProp="label" /></Form.Item></Col>
          <Col span={6}><Form.Item label="申请渠道" name="channel" rules={[{ required: true, message: '请选择申请渠道' }]}><Select id="channel" options={options(CHANNELS)} /></Form.Item></Col>
          <Col span={6}><Form.Item label="事项" name="matter" rules={[{ required: true, message: '请选择事项' }]}><Select id="matter" options={options(MATTERS)} /></Form.Item></Col>
          <Col span={6}><Form.Item label="行业" name="industry" rules={[{ required: true, message: '请选择行业' }]}><Select id="industry" options={options(INDUSTRIES)} /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="拖欠/主张金额（元）" name="amountYuan" rules={[{ required: true, message: '请填写金额' }, { validator: async (_, v) => { if (v !== undefined && v !== null && v !== '' && toFen(String(v)) === null) throw new Error('金额应为不超过两位小数的非负数'); } }]}>
              <Input id="amountYuan" inputMode="decimal" suffix="元" />
            </Form.Item>
          </Col>
          <Col span={8}><Form.Item label="涉及人数" name="workersAffected" rules={[{ required: true, message: '请填写涉及人数' }]}><InputNumber id="workersAffected" min={1} max={100000} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item label="紧急情形（先行受理，事后补交材料）" name="urgent" valuePropName="checked"><Switch id="urgent" /></Form.Item></Col>
        </Row>
        <Form.Item label="劳动关系终止日期（已离职的填写）" name="employmentEndedOn" tooltip="申请劳动仲裁的时效为一年，自劳动关系终止之日起计算（《劳动争议调解仲裁法》第二十七条）">
          <DatePicker id="employmentEndedOn" format="YYYY年M月D日" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {matter === 'work_injury' && (
          <Form.Item label="事故伤害发生日期（或职业病诊断、鉴定之日）" name="injuredOn" tooltip="用人单位30日内未申请工伤认定的，劳动者可在该日起1年内向社会保险行政部门申请（《工伤保险条例》第十七条）">
            <DatePicker id="injuredOn" format="YYYY年M月D日" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        )}
        {industry === 'construction' && <>
          <Row gutter={16}>
            <Col span={12}><Form.Item label="施工总承包单位（选填）" name="contractorName" tooltip="分包单位、包工头拖欠的，由施工总承包单位先行清偿（《保障农民工工资支付条例》第三十条、第三十六条）"><Input id="contractorName" /></Form.Item></Col>
            <Col span={12}>
              <Form.Item label="总承包单位统一社会信用代码" name="contractorCode" dependencies={['contractorName']} validateTrigger="onBlur" rules={[({ getFieldValue }) => ({ validator: async (_, v) => {
                if (getFieldValue('contractorName') && !v) throw new Error('填写了总承包单位的，请填写其统一社会信用代码');
                const p = v ? creditCodeProblem(String(v).trim().toUpperCase()) : null; if (p) throw new Error(p);
              } })]}>
                <Input id="contractorCode" maxLength={18} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}><Form.Item label="由包工头（个人）招用" name="hiredByForeman" valuePropName="checked"><Switch id="hiredByForeman" /></Form.Item></Col>
            <Col span={12}><Form.Item label="政府投资项目" name="governmentFunded" valuePropName="checked"><Switch id="governmentFunded" /></Form.Item></Col>
          </Row>
        </>}
        <Form.Item label="申请人身份" name="migrantWorker" tooltip="进城务工人员请求支付劳动报酬或工伤赔偿的，免予核查经济困难状况（《法律援助法》第四十二条第三项）">
          <Radio.Group id="migrantWorker" options={[{ value: true, label: '进城务工人员（农民工）' }, { value: false, label: '其他劳动者' }]} />
        </Form.Item>
        {urgent && (
          <Row gutter={16}>
            <Col span={10}><Form.Item label="紧急情形" name="urgentKind" rules={[{ required: true, message: '紧急受理须选择紧急情形' }]}><Select id="urgentKind" options={options(URGENT_KINDS)} /></Form.Item></Col>
            <Col span={14}><Form.Item label="紧急理由" name="urgentReason" rules={[{ required: true, message: '紧急受理须说明理由' }]}><Input id="urgentReason" /></Form.Item></Col>
          </Row>
        )}
        <Form.Item label="案情摘要" name="summary" rules={[{ required: true, message: '请填写案情摘要' }, { max: 2000, message: '最多 2000 字' }]}><Input.TextArea id="summary" rows={3} /></Form.Item>
        {green && <Alert type="success" showIcon style={{ marginBottom: 16 }} title="农民工欠薪、工伤事项适用绿色通道：不审查经济困难状况，优先受理、优先指派。" />}
        <Button type="primary" htmlType="submit" loading={saving}>登记申请</Button>
      </Form>
    </Card>
  );
}
