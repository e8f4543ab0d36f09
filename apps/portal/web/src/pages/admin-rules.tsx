import { App, Alert, Button, Card, Col, Divider, Form, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad } from '../components';
import { areaOptions, LEVEL_COLORS, LEVEL_ORDER, LEVELS } from '../labels';

/** Level thresholds edited here; amounts are typed in yuan and stored in fen. */
const LEVELLED: { key: string; label: string; unit: string; fen?: boolean }[] = [
  { key: 'workers', label: '涉及劳动者人数', unit: '人' },
  { key: 'outstandingFen', label: '拖欠金额', unit: '元', fen: true },
  { key: 'monthsInArrears', label: '欠薪月数', unit: '个月' },
  { key: 'complaints', label: '投诉聚集（窗口期内）', unit: '件' },
  { key: 'ackWithinMinutes', label: '签收时限（超时升级）', unit: '分钟' },
];
const SINGLE: { key: string; label: string; unit: string; min: number; max: number }[] = [
  { key: 'windowDays', label: '回看天数', unit: '天', min: 7, max: 365 },
  { key: 'clusterDays', label: '投诉聚集窗口', unit: '天', min: 1, max: 90 },
  { key: 'amplifyMinWorkers', label: '放大因素起算人数', unit: '人', min: 1, max: 1000 },
  { key: 'amplifySpringFestivalDays', label: '临近春节（距除夕）', unit: '天', min: 0, max: 120 },
];

const toForm = (t: any) => {
  const v: Record<string, unknown> = {};
  for (const f of LEVELLED) for (const l of LEVEL_ORDER) v[`${f.key}.${l}`] = t[f.key]?.[l] === undefined ? undefined : f.fen ? t[f.key][l] / 100 : t[f.key][l];
  for (const f of SINGLE) v[f.key] = t[f.key];
  return v;
};
const fromForm = (v: Record<string, any>) => {
  const t: Record<string, unknown> = {};
  for (const f of LEVELLED) {
    const levels: Record<string, number> = {};
    for (const l of LEVEL_ORDER) if (v[`${f.key}.${l}`] !== undefined && v[`${f.key}.${l}`] !== null) levels[l] = f.fen ? Math.round(v[`${f.key}.${l}`] * 100) : v[`${f.key}.${l}`];
    t[f.key] = levels;
  }
  for (const f of SINGLE) t[f.key] = v[f.key];
  return t;
};

/** 预警阈值: the city-wide rule set and each county's overrides; a county keeps only what differs from the city. */
export function AdminRulesPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const [division, setDivision] = useState('default');
  const all = useLoad(() => api('early-warning').get('/rules'));
  const effective = useLoad(() => api('early-warning').get(`/rules/${division}`), [division]);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const mayEdit = session.user.roles.includes('admin') && ['early-warning', 'command'].includes(session.user.agencyType);
  useEffect(() => {
    if (effective.data) form.setFieldsValue(toForm(effective.data.thresholds));
  }, [effective.data]);
  const save = async () => {
    const edited = fromForm(await form.validateFields());
    const stored = all.data?.items?.find((i: any) => i.divisionCode === division)?.thresholds ?? {};
    const base = all.data?.defaults ?? {};
    // A county override keeps only what differs from the city-wide set, so later city changes still reach it.
    const changed = Object.fromEntries(Object.entries(edited).filter(([k, v]) => division === 'default' || JSON.stringify(v) !== JSON.stringify(base[k])));
    const override = { ...stored, ...changed };
    if (division !== 'default') for (const k of Object.keys(edited)) if (!(k in changed)) delete (override as Record<string, unknown>)[k];
    setSaving(true);
    try {
      await api('early-warning').put(`/rules/${division}`, override);
      message.success('已保存，5 秒内生效');
      all.reload();
      effective.reload();
    } catch (e) {
      showErrors(undefined, e, message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title="预警阈值" extra={<Select value={division} onChange={setDivision} style={{ width: 200 }} aria-label="适用范围" options={[{ value: 'default', label: '全市默认' }, ...areaOptions]} />}>
      {!mayEdit && <Alert type="info" showIcon title="仅预警中心或政法委的系统管理员可以修改阈值。" style={{ marginBottom: 12 }} />}
      {division !== 'default' && <Alert type="info" showIcon title="县区设置只保存与全市默认不同的项。" style={{ marginBottom: 12 }} />}
      <Loading loading={effective.loading && !effective.data} error={effective.error || all.error}>
        <Form form={form} layout="vertical" disabled={!mayEdit}>
          <Row gutter={8} style={{ fontWeight: 600, marginBottom: 8 }}>
            <Col span={6}>指标</Col>
            {LEVEL_ORDER.map((l) => <Col span={4} key={l} style={{ color: LEVEL_COLORS[l] }}>{LEVELS[l]}</Col>)}
          </Row>
          {LEVELLED.map((f) => (
            <Row gutter={8} key={f.key} align="middle">
              <Col span={6}><Typography.Text>{f.label}（{f.unit}）</Typography.Text></Col>
              {LEVEL_ORDER.map((l) => (
                <Col span={4} key={l}>
                  <Form.Item name={`${f.key}.${l}`} style={{ marginBottom: 8 }}>
                    <InputNumber min={0} precision={f.fen ? 2 : 0} style={{ width: '100%' }} placeholder="不设" aria-label={`${f.label} ${LEVELS[l]}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          ))}
          <Divider />
          <Space wrap size={24}>
            {SINGLE.map((f) => (
              <Form.Item key={f.key} name={f.key} label={`${f.label}（${f.unit}）`} rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={f.min} max={f.max} precision={0} />
              </Form.Item>
            ))}
          </Space>
          {mayEdit && <div><Button type="primary" onClick={save} loading={saving}>保存</Button></div>}
        </Form>
      </Loading>
    </Card>
  );
}
