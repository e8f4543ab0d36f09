import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, downloadFile } from '../api';
import type { Session } from '../api';
import { Loading, showErrors, useLoad } from '../components';
import { AGENCY_TYPE_NAMES, areaOptions, MATTERS, options, TYPICAL_CASE_SECTIONS } from '../labels';

/** 案例库 (以案释法): the published typical cases, searched by words and filters; the result exported as a PDF booklet. */
export function LibraryPage(_: { session: Session }) {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<{ matter?: string; divisionCode?: string; year?: string }>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<any>();
  const query = () => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
    return p;
  };
  const result = useLoad(() => {
    const p = query();
    p.set('limit', '10');
    p.set('offset', String((page - 1) * 10));
    return api('legal-aid').get(`/case-library?${p}`);
  }, [q, filters.matter, filters.divisionCode, filters.year, page]);
  const thisYear = new Date().getFullYear();
  const exportPdf = async () => {
    try {
      await downloadFile('legal-aid', `/case-library/export.pdf?${query()}`, `典型案例汇编${filters.year ? `-${filters.year}` : ''}.pdf`);
    } catch (e) {
      showErrors(undefined, e, message);
    }
  };
  return (
    <Card title="案例库 · 以案释法" extra={<Button icon={<DownloadOutlined />} onClick={exportPdf} data-testid="library-export">导出汇编 PDF</Button>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder="关键词，如：欠薪 绿色通道" allowClear enterButton="搜索" style={{ width: 320 }} aria-label="搜索案例"
          onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        <Select allowClear placeholder="事项" style={{ width: 150 }} options={options(MATTERS)} aria-label="事项"
          onChange={(matter) => { setFilters({ ...filters, matter }); setPage(1); }} />
        <Select allowClear placeholder="县区" style={{ width: 170 }} options={areaOptions} aria-label="县区"
          onChange={(divisionCode) => { setFilters({ ...filters, divisionCode }); setPage(1); }} />
        <Select allowClear placeholder="年度" style={{ width: 110 }} aria-label="年度" options={[0, 1, 2].map((i) => ({ value: String(thisYear - i), label: `${thisYear - i}年` }))}
          onChange={(year) => { setFilters({ ...filters, year }); setPage(1); }} />
      </Space>
      <Loading loading={result.loading && !result.data} error={result.error}>
        <List itemLayout="vertical" dataSource={result.data?.items ?? []} locale={{ emptyText: <Empty description="没有符合条件的典型案例" /> }}
          pagination={{ current: page, pageSize: 10, total: result.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
          renderItem={(c: any) => (
            <List.Item key={c.id} data-testid="library-item">
              <List.Item.Meta title={<a onClick={() => setOpen(c)} href={`#library/${c.id}`}>{c.title}</a>}
                description={<Space wrap size={4}>
                  <Tag>{c.divisionName}</Tag><Tag>{c.quarterLabel}</Tag><Tag color="blue">{MATTERS[c.matter as keyof typeof MATTERS]}</Tag>
                  <Tag>{c.industryLabel}</Tag>
                  {c.amountRecoveredRange && <Tag color="green">追回 {c.amountRecoveredRange}</Tag>}
                </Space>} />
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{c.facts}</Typography.Paragraph>
            </List.Item>
          )} />
      </Loading>
      <Drawer open={!!open} onClose={() => setOpen(undefined)} size="large" title={open?.title} destroyOnHidden>
        {open && <>
          <Space wrap size={4} style={{ marginBottom: 12 }}>
            <Tag>{open.divisionName}</Tag><Tag>{open.quarterLabel}</Tag><Tag>涉及 {open.workersRange}</Tag>
            {open.agencies.map((a: string) => <Tag key={a} color="purple">{AGENCY_TYPE_NAMES[a as keyof typeof AGENCY_TYPE_NAMES]}</Tag>)}
          </Space>
          {TYPICAL_CASE_SECTIONS.map(([k, label]) => (
            <div key={k}>
              <Typography.Title level={5}>{label}</Typography.Title>
              {String(open[k]).split('\n').map((p, i) => <Typography.Paragraph key={i}>{p}</Typography.Paragraph>)}
            </div>
          ))}
          {open.keywords.length > 0 && <Typography.Text type="secondary">关键词：{open.keywords.join('、')}</Typography.Text>}
        </>}
      </Drawer>
    </Card>
  );
}
