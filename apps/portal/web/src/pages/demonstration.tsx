import { App, Alert, Button, Card, Form, Input, Modal, Select, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, dateTime, dateLabel } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad, useSubmitKey } from '../components';

const STATUS_COLORS: Record<string, string> = { submitted: 'success', pending: 'processing', overdue: 'error' };

/** 示范创建: the demonstration sites and each county's windows, their yearly innovation reports; a site or window reports its own. */
export function DemonstrationPage({ session }: { session: Session }) {
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [reporting, setReporting] = useState(false);
  const [form] = Form.useForm();
  const board = useLoad(() => api('command').get(`/program/demonstration?year=${year}`), [year]);
  const reports = useLoad(() => api('command').get(`/program/innovation-reports?year=${year}`), [year]);
  const d = board.data;
  const own = d?.offices.find((o: any) => o.officeId === session.user.officeId);
  const submitKey = useSubmitKey();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await api('command').post('/program/innovation-reports', { ...v, year }, submitKey.key());
      submitKey.renew();
      message.success('创新经验报告已报送');
      setReporting(false);
      form.resetFields();
      board.reload();
      reports.reload();
    } catch (e) {
      showErrors(form, e, message);
    }
  };
  return (
    <Card title="示范点与示范窗口" extra={
      <Space>
        <Select value={year} onChange={setYear} style={{ width: 110 }} aria-label="年度" options={[0, 1, 2].map((i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))} />
        {own && <Button type="primary" onClick={() => setReporting(true)}>报送创新经验报告</Button>}
      </Space>
    }>
      <Loading loading={board.loading && !d} error={board.error}>
        {d && <>
          <Space size={32} style={{ marginBottom: 16 }}>
            <Statistic title="示范点与示范窗口" value={d.counts.offices} />
            <Statistic title="已报送创新报告" value={d.counts.submitted} />
            <Statistic title="待报送" value={d.counts.pending} />
            <Statistic title="逾期未报送" value={d.counts.overdue} styles={{ content: { color: d.counts.overdue ? '#cf1322' : undefined } }} />
          </Space>
          {own && <Alert style={{ marginBottom: 12 }} showIcon type={own.status === 'submitted' ? 'success' : own.status === 'overdue' ? 'error' : 'info'}
            title={`本单位为${own.demonstrationLabel}，${year}年创新经验报告：${own.statusLabel}（每年至少1篇，${dateLabel(d.dueOn)}前报送）`} />}
          {d.counties.filter((c: any) => c.problem).map((c: any) => <Alert key={c.divisionCode} style={{ marginBottom: 8 }} type="warning" showIcon title={`${c.divisionName}：${c.problem}`} />)}
          <Table rowKey="officeId" size="small" dataSource={d.offices} pagination={{ pageSize: 25 }} data-testid="demonstration-table" columns={[
            { title: '县（市、区）', dataIndex: 'divisionName', width: 150 },
            { title: '单位', dataIndex: 'name' },
            { title: '类别', dataIndex: 'demonstrationLabel', width: 100, render: (v, r: any) => <Tag color={r.demonstration === 'site' ? 'gold' : 'cyan'}>{v}</Tag> },
            { title: '创新报告', dataIndex: 'reports', width: 90, render: (n) => `${n} 篇` },
            { title: '最近一篇', dataIndex: 'latest', render: (l: any) => (l ? `${l.title}（${dateTime(l.submittedAt)}）` : '—') },
            { title: '状态', dataIndex: 'statusLabel', width: 110, render: (v, r: any) => <Tag color={STATUS_COLORS[r.status]}>{v}</Tag> },
          ]} />
        </>}
      </Loading>
      <Modal title={`报送${year}年创新经验报告`} open={reporting} onCancel={() => setReporting(false)} onOk={submit} okText="报送" cancelText="取消" destroyOnHidden width={640}>
        <Form form={form} layout="vertical">
          <Form.Item label="标题" name="title" rules={[{ required: true, min: 4, max: 80, message: '标题应为4至80个字符' }]}><Input placeholder="如：“法援+监察”联动窗口一站式化解欠薪" /></Form.Item>
          <Form.Item label="创新做法与成效" name="summary" rules={[{ required: true, min: 20, max: 10000, message: '报告内容应为20至10000个字符' }]}><Input.TextArea rows={8} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
