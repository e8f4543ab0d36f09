import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, dateTime } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad, useSubmitKey } from '../components';
import { AGENCY_TYPE_NAMES, areaOptions, GANZHOU_CITY_CODE, options, ROLE_NAMES } from '../labels';

const PASSWORD_RULES = [{ min: 10, message: '密码至少 10 位' }, { pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/, message: '密码须同时包含字母和数字' }];

/** 用户与角色: the users this administrator manages; create, change roles, disable, reset a password. */
export function AdminUsersPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const list = useLoad(() => api('portal').get('/users'));
  const [editing, setEditing] = useState<any | null>(null);
  const [form] = Form.useForm();
  const isNew = editing && !editing.id;
  const submitKey = useSubmitKey();
  const save = async () => {
    const v = await form.validateFields();
    try {
      if (isNew) {
        await api('portal').post('/users', v, submitKey.key());
        submitKey.renew();
      }
      else await api('portal').put(`/users/${editing.id}`, { displayName: v.displayName, roles: v.roles, active: v.active, ...(v.password ? { password: v.password } : {}) });
      message.success('已保存');
      setEditing(null);
      list.reload();
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  const open = (u: any) => {
    setEditing(u);
    form.resetFields();
    form.setFieldsValue(u.id ? { ...u, password: undefined } : { agencyType: session.user.agencyType, divisionCode: session.user.divisionCode, roles: [] });
  };
  const agencyOptions = options(AGENCY_TYPE_NAMES);
  return (
    <Card title="用户与角色" extra={<Button type="primary" onClick={() => open({})}>新建用户</Button>}>
      <Loading loading={list.loading && !list.data} error={list.error}>
        <Table rowKey="id" size="middle" dataSource={list.data?.items ?? []} pagination={{ pageSize: 15 }} columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '机构', render: (_, u: any) => `${u.divisionName}${u.agencyName}` },
          { title: '角色', render: (_, u: any) => u.roleNames.map((r: string) => <Tag key={r}>{r}</Tag>) },
          { title: '状态', render: (_, u: any) => (u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: dateTime },
          { title: '', render: (_, u: any) => <Button size="small" onClick={() => open(u)}>编辑</Button> },
        ]} />
      </Loading>
      <Modal title={isNew ? '新建用户' : '编辑用户'} open={!!editing} onCancel={() => setEditing(null)} onOk={save} okText="保存" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: '用户名为 3–32 位小写字母、数字或 ._-，以字母开头' }]}><Input disabled={!isNew} /></Form.Item>
          <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}><Input /></Form.Item>
          <Form.Item label="机构类型" name="agencyType" rules={[{ required: true, message: '请选择机构类型' }]}><Select disabled={!isNew} options={agencyOptions} /></Form.Item>
          <Form.Item label="所在地" name="divisionCode" rules={[{ required: true, message: '请选择所在地' }]}><Select disabled={!isNew} options={[{ value: GANZHOU_CITY_CODE, label: '赣州市（市级）' }, ...areaOptions]} /></Form.Item>
          <Form.Item label="角色" name="roles" rules={[{ required: true, message: '至少选择一个角色' }]}><Select mode="multiple" options={options(ROLE_NAMES)} /></Form.Item>
          {!isNew && <Form.Item label="启用" name="active" valuePropName="checked"><Switch /></Form.Item>}
          <Form.Item label={isNew ? '初始密码' : '重置密码（留空不变）'} name="password" rules={isNew ? [{ required: true, message: '请设置初始密码' }, ...PASSWORD_RULES] : PASSWORD_RULES}><Input.Password autoComplete="new-password" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
