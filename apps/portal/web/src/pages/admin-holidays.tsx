import { Alert, App, Button, Card, Col, Drawer, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, dateLabel } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad } from '../components';

/** The festivals of the Holidays Measures (revised 2024) and their statutory days, in the notice's order. */
const FESTIVALS = [
  { value: 'new-year', label: '元旦', days: 1 }, { value: 'spring-festival', label: '春节', days: 4 }, { value: 'qingming', label: '清明节', days: 1 },
  { value: 'labour-day', label: '劳动节', days: 2 }, { value: 'dragon-boat', label: '端午节', days: 1 }, { value: 'mid-autumn', label: '中秋节', days: 1 },
  { value: 'national-day', label: '国庆节', days: 3 },
];
const DAY = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 YYYY-MM-DD' };

/** The form of a year's notice: its number and date, each run of days off with its festival, the make-up working days. */
function NoticeForm({ years, onSaved }: { years: any[]; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const next = String(Math.max(...years.map((y) => Number(y.year))) || new Date().getFullYear() + 1);
  const [year, setYear] = useState(years.find((y) => y.status !== 'official')?.year ?? next);
  const [preview, setPreview] = useState<any>();
  const [busy, setBusy] = useState(false);
  const entered = years.find((y) => y.year === year)?.notice;
  const initial = entered
    ? { noticeNo: entered.noticeNo, noticeDate: entered.noticeDate, holidays: entered.holidays, workdays: entered.workdays }
    : { holidays: FESTIVALS.map((f) => ({ festivals: [f.value] })), workdays: [''] };
  const body = () => {
    const v = form.getFieldsValue(true);
    return { ...v, holidays: v.holidays ?? [], workdays: (v.workdays ?? []).filter((d: string) => d) };
  };
  const run = async (save: boolean) => {
    setBusy(true);
    try {
      await form.validateFields();
      if (save) {
        await api('command').put(`/calendar/years/${year}`, body());
        message.success(`${year}年节假日安排已录入，各单位的办理期限将按正式安排重新计算`);
        onSaved();
      } else {
        setPreview((await api('command').post(`/calendar/years/${year}/check`, body())).summary);
      }
    } catch (e) {
      setPreview(undefined);
      if ((e as { errorFields?: unknown }).errorFields) return;
      showErrors(form, e, message);
      // What belongs to the whole list or the year (a festival missing) has no field of its own to show at.
      const whole = e instanceof ApiError ? [...(e.fields.holidays ?? []), ...(e.fields.year ?? [])] : [];
      if (whole.length) message.error(whole.join('；'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        年度
        <Select aria-label="年度" style={{ width: 110 }} value={year} onChange={(y) => { setYear(y); setPreview(undefined); }}
          options={[...new Set([...years.map((y) => y.year), next, String(Number(next) + 1)])].filter((y) => Number(y) >= 2025).map((y) => ({ value: y, label: `${y}年` }))} />
      </Space>
      <Form form={form} key={year} layout="vertical" initialValues={initial} onValuesChange={() => setPreview(undefined)} data-testid="notice-form">
        <Row gutter={12}>
          <Col span={14}><Form.Item name="noticeNo" label="通知文号" rules={[{ required: true, message: '请填写通知文号' }]}><Input placeholder="如 国办发明电〔2025〕7号" /></Form.Item></Col>
          <Col span={10}><Form.Item name="noticeDate" label="通知日期" rules={[{ required: true, message: '请填写通知日期' }, DAY]}><Input placeholder="YYYY-MM-DD" /></Form.Item></Col>
        </Row>
        <Typography.Text strong>放假安排（含调休形成的连休）</Typography.Text>
        <Form.List name="holidays">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'festivals']} style={{ width: 200, marginBottom: 8 }} rules={[{ required: true, message: '请选择节日' }]}>
                    <Select mode="multiple" aria-label="节日" placeholder="节日" options={FESTIVALS.map((x) => ({ value: x.value, label: `${x.label}（${x.days}天）` }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'from']} style={{ width: 150, marginBottom: 8 }} rules={[{ required: true, message: '起始日' }, DAY]}><Input aria-label="放假起始日" placeholder="起 YYYY-MM-DD" /></Form.Item>
                  <Form.Item name={[f.name, 'to']} style={{ width: 150, marginBottom: 8 }} rules={[{ required: true, message: '结束日' }, DAY]}><Input aria-label="放假结束日" placeholder="止 YYYY-MM-DD" /></Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" size="small" onClick={() => add({ festivals: [] })} style={{ marginBottom: 12 }}>增加一段假期</Button>
            </>
          )}
        </Form.List>
        <div><Typography.Text strong>调休上班日（星期六或星期日）</Typography.Text></div>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <Space wrap style={{ marginBottom: 12 }}>
              {fields.map((f) => (
                <Space key={f.key} align="start">
                  <Form.Item name={f.name} style={{ width: 150, marginBottom: 0 }} rules={[DAY]}><Input aria-label="调休上班日" placeholder="YYYY-MM-DD" /></Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button type="dashed" size="small" onClick={() => add('')}>增加调休上班日</Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="reason" label="录入事由（记入管理操作记录）"><Input placeholder={`录入国务院办公厅${year}年节假日安排通知`} /></Form.Item>
      </Form>
      {preview && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="notice-preview" title={`核对通过：放假共 ${preview.restDays} 天，调休上班 ${preview.workdays.length} 天`}
          description={<>{preview.runs.map((r: any) => <Tag key={r.from}>{r.festivals} {dateLabel(r.from)}至{dateLabel(r.to)} {r.days}天</Tag>)}
            {preview.workdays.map((w: any) => <Tag key={w.date} color="blue">{dateLabel(w.date)}（{w.weekday}）上班</Tag>)}</>} />
      )}
      <Space>
        <Button onClick={() => run(false)} loading={busy}>预览核对</Button>
        <Button type="primary" onClick={() => run(true)} loading={busy} disabled={!preview}>确认录入</Button>
      </Space>
    </>
  );
}

/** 节假日历 and the statutory clock rules every deadline is counted with; the city's administrators enter each year's notice. */
export function AdminHolidaysPage({ session }: { session: Session }) {
  const { data, error, loading, reload } = useLoad(() => api('command').get('/calendar'));
  const [entering, setEntering] = useState(false);
  const mayEnter = session.user.agencyType === 'command' && session.user.divisionCode === '360700' && session.user.roles.includes('admin');
  return (
    <Loading loading={loading} error={error}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }}
        title="国务院办公厅公布次年放假安排后，由市级管理员录入（放假日期、调休上班日、通知文号），各单位的办理期限随即按正式安排重新计算。录入前该年度为“暂定”（仅含法定节日），落入该年度的期限标注为暂定。"
        action={mayEnter ? <Button type="primary" onClick={() => setEntering(true)} data-testid="enter-notice">录入年度放假安排</Button> : undefined} />
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
      <Drawer open={entering} onClose={() => setEntering(false)} size={720} title="录入年度放假安排（国务院办公厅通知）" destroyOnHidden>
        {data && <NoticeForm years={data.years} onSaved={() => { setEntering(false); reload(); }} />}
      </Drawer>
    </Loading>
  );
}
