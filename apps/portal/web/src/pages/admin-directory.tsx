import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad } from '../components';
import { AGENCY_TYPE_NAMES, areaOptions, MATTERS, options } from '../labels';

const DEMONSTRATION = { none: '—', site: '示范点', window: '示范窗口' };

/** 机构名录: every office of every agency; the committee's administrators change them. */
export function AdminDirectoryPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const [agencyType, setAgencyType] = useState<string | undefined>('labor-inspection');
  const [division, setDivision] = useState<string | undefined>();
  const list = useLoad(() => api('command').get(`/directory/offices?${new URLSearchParams({ ...(agencyType ? { agencyType } : {}), ...(division ? { divisionCode: division } : {}) })}`), [agencyType, division]);
  const [editing, setEditing] = useState<any>();
  const [form] = Form.useForm();
  const mayEdit = session.user.agencyType === 'command' && session.user.roles.includes('admin');
  const save = async () => {
    const v = await form.validateFields();
    const { officeId, updatedAt, agencyType: _t, divisionCode: _d, ...rest } = editing;
    try {
      await api('command').put(`/directory/offices/${officeId}`, { ...rest, ...v, towns: String(v.towns ?? '').split(/[,，、\s]+/).filter(Boolean) });
      message.success('已保存，各服务将自动同步');
      setEditing(undefined);
      list.reload();
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  return (
    <Card title="机构名录" extra={
      <Space>
        <Select allowClear placeholder="全部机构类型" style={{ width: 180 }} value={agencyType} onChange={setAgencyType} aria-label="机构类型" options={options(AGENCY_TYPE_NAMES)} />
        <Select allowClear placeholder="全部县区" style={{ width: 160 }} value={division} onChange={setDivision} aria-label="县区" options={areaOptions} />
      </Space>
    }>
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="officeId" size="small" dataSource={list.data?.items ?? []} pagination={{ pageSize: 20 }} columns={[
          { title: '机构', dataIndex: 'name' },
          { title: '地址', dataIndex: 'address', ellipsis: true },
          { title: '电话', dataIndex: 'phone' },
          { title: '办公时间', dataIndex: 'hours', ellipsis: true },
          { title: '示范', dataIndex: 'demonstration', render: (d: keyof typeof DEMONSTRATION) => (d !== 'none' ? <Tag color="gold">{DEMONSTRATION[d]}</Tag> : '—') },
          { title: '状态', dataIndex: 'active', render: (a) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          ...(mayEdit ? [{ title: '', render: (_: unknown, o: any) => <Button size="small" onClick={() => { setEditing(o); form.setFieldsValue({ ...o, towns: o.towns.join('、') }); }}>编辑</Button> }] : []),
        ]} />
      </Loading>
      <Modal title={`编辑：${editing?.name ?? ''}`} open={!!editing} onCancel={() => setEditing(undefined)} onOk={save} okText="保存" cancelText="取消" width={640} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item label="名称" name="name" rules={[{ required: true, max: 100, message: '请填写名称（最多 100 字）' }]}><Input /></Form.Item>
          <Form.Item label="地址" name="address" rules={[{ required: true, max: 300, message: '请填写地址' }]}><Input /></Form.Item>
          <Space>
            <Form.Item label="电话" name="phone" rules={[{ required: true, max: 50, message: '请填写电话' }]}><Input /></Form.Item>
            <Form.Item label="办公时间" name="hours" rules={[{ required: true, max: 100, message: '请填写办公时间' }]}><Input /></Form.Item>
            <Form.Item label="月承办能力" name="capacityPerMonth" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0} max={100000} precision={0} /></Form.Item>
          </Space>
          <Form.Item label="服务乡镇（顿号分隔）" name="towns"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item label="受理事项" name="services"><Select mode="multiple" options={options(MATTERS)} /></Form.Item>
          <Space>
            <Form.Item label="示范" name="demonstration"><Select style={{ width: 140 }} options={Object.entries(DEMONSTRATION).map(([value, label]) => ({ value, label: label === '—' ? '否' : label }))} /></Form.Item>
            <Form.Item label="启用" name="active" valuePropName="checked"><Switch /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
