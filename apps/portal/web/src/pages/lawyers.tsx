import { App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad, useSubmitKey } from '../components';

/** 律师名册: the center's lawyers and legal workers with their open cases; its head adds and stops them. */
export function LawyersPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const roster = useLoad(() => api('legal-aid').get('/lawyers'), []);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const submitKey = useSubmitKey();
  const head = session.user.roles.includes('supervisor');
  const kinds: Record<string, string> = roster.data?.kinds ?? {};
  const add = async () => {
    const v = await form.validateFields();
    try {
      await api('legal-aid').post('/lawyers', { ...v, firmName: v.firmName || undefined, licenseNumber: v.licenseNumber || undefined }, submitKey.key());
      submitKey.renew();
      message.success(`已将${v.name}加入名册`);
      setAdding(false);
      form.resetFields();
      roster.reload();
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  const toggle = async (l: any, active: boolean) => {
    try {
      await api('legal-aid').put(`/lawyers/${l.id}`, { active });
      message.success(active ? `已恢复指派${l.name}` : `已停止指派${l.name}`);
      roster.reload();
    } catch (e) {
      showErrors(undefined, e, message);
    }
  };
  return (
    <Card title="律师名册" extra={head && <Button type="primary" onClick={() => setAdding(true)}>登记人员</Button>}>
      <Loading loading={roster.loading && !roster.data} error={roster.error}>
        <Table rowKey="id" size="middle" dataSource={roster.data?.items ?? []} pagination={{ pageSize: 20, showSizeChanger: false }} data-testid="roster"
          locale={{ emptyText: '尚未登记律师名册：指派时可直接填写姓名；登记后只能从名册中指派' }} columns={[
            { title: '姓名', dataIndex: 'name', width: 120 },
            { title: '类别', dataIndex: 'kindLabel', width: 170 },
            { title: '所在机构', dataIndex: 'firmName', render: (v) => v ?? '本中心' },
            { title: '执业证号', dataIndex: 'licenseNumber', render: (v) => v ?? '—', width: 190 },
            { title: '在办案件', dataIndex: 'open', align: 'right', width: 100, sorter: (a: any, b: any) => a.open - b.open },
            { title: '状态', width: 120, render: (_, l: any) => head
              ? <Switch checked={l.active} checkedChildren="可指派" unCheckedChildren="已停用" onChange={(on) => toggle(l, on)} aria-label={`${l.name}是否可指派`} />
              : <Tag color={l.active ? 'green' : 'default'}>{l.active ? '可指派' : '已停用'}</Tag> },
          ]} />
      </Loading>
      <Modal title="登记律师或法律服务工作者" open={adding} onCancel={() => setAdding(false)} onOk={add} okText="登记" cancelText="取消" destroyOnHidden>
        <Form form={form} name="lawyer" layout="vertical" initialValues={{ kind: 'firm' }}>
          <Form.Item label="姓名" name="name" rules={[{ required: true, pattern: /^[\u3400-\u9fff·]{2,20}$/u, message: '姓名应为2至20个汉字' }]}><Input /></Form.Item>
          <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}><Select options={Object.entries(kinds).map(([value, label]) => ({ value, label }))} /></Form.Item>
          {kind !== 'center' && <Form.Item label="律师事务所或法律服务所" name="firmName" rules={[{ required: true, min: 2, max: 100, message: '请填写所在机构（2至100个字符）' }]}><Input /></Form.Item>}
          <Form.Item label="执业证号（选填）" name="licenseNumber" rules={[{ pattern: /^\d{17}$/, message: '执业证号应为17位数字' }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
