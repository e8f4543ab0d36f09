import { Alert, App, Button, Empty, Form, Input, Modal, Space, Spin, Tag } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, dateLabel, downloadFile, newRequestKey, yuan } from './api';
import { LEVEL_TAG, LEVELS } from './labels';
import type { Level } from './labels';

/**
 * A form's request key: the same until the form's request succeeds (then `renew()`), so that pressing 提交 again
 * after a lost answer repeats the same request and creates nothing twice.
 */
export function useSubmitKey(): { key: () => string; renew: () => void } {
  const ref = useRef(newRequestKey());
  return { key: () => ref.current, renew: () => (ref.current = newRequestKey()) };
}

/** Loads on mount and on `reload()`; shows loading, error (in plain Chinese) and empty states. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试');
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}

export function Loading({ loading, error, empty, children }: { loading: boolean; error?: string; empty?: boolean; children: ReactNode }) {
  if (error) return <Alert type="error" showIcon title={error} role="alert" />;
  if (loading) return <div style={{ padding: 40, textAlign: 'center' }}><Spin tip="加载中…"><div style={{ height: 40 }} /></Spin></div>;
  if (empty) return <Empty description="暂无数据" />;
  return <>{children}</>;
}

export const LevelTag = ({ level }: { level: Level }) => <Tag color={LEVEL_TAG[level]}>{LEVELS[level]}</Tag>;

/** A 400's field errors shown at the form's fields (`worker.idNumber` → ['worker','idNumber']), the rest as a message. */
export function showErrors(form: FormInstance | undefined, e: unknown, message: { error: (s: string) => void }) {
  if (e instanceof ApiError && form && Object.keys(e.fields).length) {
    const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
    const fields = Object.entries(e.fields).map(([path, errors]) => ({ name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors }));
    form.setFields(fields as never);
    const unplaced = Object.entries(e.fields).filter(([path]) => !known.has(path.split('.')[0]));
    message.error(unplaced.length ? unplaced.map(([, errs]) => errs.join('；')).join('；') : e.message);
    return;
  }
  const details = e instanceof ApiError ? Object.entries(e.fields).map(([k, v]) => `${k}：${v.join('，')}`).join('；') : '';
  message.error(e instanceof ApiError ? (details ? `${e.message}（${details}）` : e.message) : '操作失败，请稍后重试');
}

/** Asks for a purpose, then reveals: the purpose is logged with the read. */
export function useReveal(run: (purpose: string) => Promise<void>) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const modal = (
    <Modal title="查看完整身份信息" open={open} okText="查看" cancelText="取消" onCancel={() => setOpen(false)} destroyOnHidden
      onOk={async () => {
        const { purpose } = await form.validateFields();
        try {
          await run(purpose);
          setOpen(false);
        } catch (e) {
          showErrors(form, e, message);
        }
      }}>
      <Alert type="info" showIcon title="查看事由将记录在案，仅在办理需要时查看。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        <Form.Item label="查看事由" name="purpose" rules={[{ required: true, min: 2, max: 200, message: '请填写 2 至 200 字的事由' }]}>
          <Input placeholder="例如：核实身份后电话联系劳动者" />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { modal, ask: () => setOpen(true) };
}

/** Days left to a deadline: red when overdue or due today, orange within three days. */
export function DueTag({ dueOn, daysLeft }: { dueOn: string | null; daysLeft: number | null }) {
  if (!dueOn || daysLeft === null) return <span style={{ color: '#999' }}>—</span>;
  const color = daysLeft < 0 ? '#cf1322' : daysLeft <= 3 ? '#d46b08' : undefined;
  const text = daysLeft < 0 ? `已逾期 ${-daysLeft} 天` : daysLeft === 0 ? '今日到期' : `剩 ${daysLeft} 天`;
  return (
    <span style={{ color, fontWeight: daysLeft <= 0 ? 600 : undefined }} data-overdue={daysLeft < 0 ? 'true' : 'false'}>
      {text}<br /><small style={{ color: color ?? '#888' }}>{dateLabel(dueOn)}</small>
    </span>
  );
}

/** A table row that opens something: by click, or from the keyboard (Tab to it, Enter or Space). */
export function rowOpens(open: () => void, testId: string) {
  return {
    onClick: open,
    onKeyDown: (e: { key: string; preventDefault: () => void }) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    },
    tabIndex: 0,
    style: { cursor: 'pointer' },
    'data-testid': testId,
  } as never;
}

/** What a step recorded, in a line: 金额 48,600.00 元 · 期限 2026年12月20日 · 赣章人社监令〔2026〕12号. */
export function stepFacts(data: any): string {
  if (!data) return '';
  return [
    data.amountFen !== undefined && data.amountFen !== null ? `金额 ${yuan(data.amountFen)}` : '',
    data.dueOn ? `期限 ${dateLabel(data.dueOn)}` : '',
    data.paidOn ? `支付于 ${dateLabel(data.paidOn)}` : '',
    data.workersPaid ? `${data.workersPaid} 人` : '',
    data.grade !== undefined && data.grade !== null ? (data.grade === 0 ? '未达伤残等级' : `伤残${'一二三四五六七八九十'[data.grade - 1]}级`) : '',
    data.documentNumber ?? '',
  ].filter(Boolean).join(' · ');
}

/** 导出: the list as filtered on screen, as CSV or an Excel workbook. */
export function ExportButtons({ service, path, query, name }: { service: string; path: string; query: string; name: string }) {
  const { message } = App.useApp();
  const get = (format: 'csv' | 'xlsx') => async () => {
    try {
      await downloadFile(service, `${path}/export.${format}${query ? `?${query}` : ''}`, `${name}.${format}`);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space.Compact>
      <Button onClick={get('csv')} data-testid="export-csv">导出 CSV</Button>
      <Button onClick={get('xlsx')} data-testid="export-xlsx">导出 Excel</Button>
    </Space.Compact>
  );
}
