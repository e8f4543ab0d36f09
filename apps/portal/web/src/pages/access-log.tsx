import { Button, Card, Input, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, dateTime } from '../api';
import type { Session } from '../api';
import { Loading, useLoad } from '../components';

const PAGE = 20;

/** 访问日志: who read or revealed which case of the office, when and why — for the office's head. */
export function AccessLogPage({ session }: { session: Session }) {
  const service = session.user.agencyType;
  const [filters, setFilters] = useState({ since: '', until: '', user: '', revealed: false });
  const [draft, setDraft] = useState(filters);
  const [page, setPage] = useState(1);
  const query = new URLSearchParams({
    limit: String(PAGE), offset: String((page - 1) * PAGE),
    ...(filters.since ? { since: filters.since } : {}), ...(filters.until ? { until: filters.until } : {}),
    ...(filters.user ? { user: filters.user } : {}), ...(filters.revealed ? { revealed: 'true' } : {}),
  });
  const log = useLoad(() => api(service).get(`/access-log?${query}`), [query.toString()]);
  const subjectLink = (r: any) => (service === 'legal-aid' && r.subjectType === 'application' ? `#/cases/${r.subjectId}` : service !== 'legal-aid' && r.subjectType === 'referral' ? `#/inbox/${r.subjectId}` : undefined);
  return (
    <Card title={`访问日志 · ${session.user.divisionName}${session.user.agencyName}`}>
      <Space wrap style={{ marginBottom: 12 }} data-testid="access-log-filters">
        <span>日期</span>
        <Input type="date" aria-label="起始日期" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} style={{ width: 150 }} />
        <span>至</span>
        <Input type="date" aria-label="截止日期" value={draft.until} onChange={(e) => setDraft({ ...draft, until: e.target.value })} style={{ width: 150 }} />
        <Input placeholder="查看人姓名" aria-label="查看人姓名" allowClear value={draft.user} onChange={(e) => setDraft({ ...draft, user: e.target.value })} style={{ width: 140 }} />
        <Space><Switch checked={draft.revealed} onChange={(v) => setDraft({ ...draft, revealed: v })} aria-label="只看查看完整身份信息" />只看查看完整身份信息</Space>
        <Button type="primary" onClick={() => { setFilters(draft); setPage(1); }}>查询</Button>
      </Space>
      <Loading loading={log.loading && !log.data} error={log.error}>
        <Table rowKey={(r: any) => `${r.at}-${r.userId}-${r.subjectId}`} size="small" dataSource={log.data?.items ?? []} loading={log.loading} data-testid="access-log"
          locale={{ emptyText: '没有符合条件的访问记录' }}
          pagination={{ current: page, pageSize: PAGE, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '时间', dataIndex: 'at', render: dateTime, width: 170 },
            { title: '查看人', dataIndex: 'userName', width: 120 },
            { title: '对象', render: (_, r: any) => (subjectLink(r) ? <a href={subjectLink(r)}>{r.subjectTypeLabel}</a> : r.subjectTypeLabel), width: 120 },
            { title: '完整身份信息', dataIndex: 'revealed', width: 120, render: (v: boolean) => (v ? <Tag color="orange">已查看</Tag> : '未查看') },
            { title: '事由', dataIndex: 'purpose', render: (v: string | null) => v ?? '—' },
          ]} />
      </Loading>
    </Card>
  );
}
