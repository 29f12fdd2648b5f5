import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { lookupSubjectKey, searchAll, searchAudit, type AuditFilter } from '../api/audit';
import type { SearchPage } from '../api/types';
import { useConsole } from '../app/console-context';
import { useAction } from '../app/use-request';
import { ErrorAlert } from '../components/ErrorAlert';
import { KeyText } from '../components/KeyText';
import { ViewState } from '../components/ViewState';
import { download, toCsv } from '../lib/csv';
import { auditColumns, auditCsvColumns } from './audit-columns';

interface FormValues {
  mode: 'subject' | 'id';
  subject?: string;
  idNumber?: string;
  purpose?: string;
  legalBasis?: string;
  lookupCase?: string;
  org?: string;
  operator?: string;
  dataset?: string;
  caseId?: string;
  from?: Dayjs;
  to?: Dayjs;
}

/** Rows an export fetches at most. */
const EXPORT_LIMIT = 10_000;

/** Auditor: search the audit trail, page through it on the server, open entries, export to CSV. */
export default function AuditSearchPage() {
  const { t, i18n } = useTranslation();
  const { api, config } = useConsole();
  const [form] = Form.useForm<FormValues>();
  const mode = Form.useWatch('mode', form) ?? 'subject';
  const [filter, setFilter] = useState<AuditFilter>();
  const [marks, setMarks] = useState<string[]>(['']);
  const [page, setPage] = useState<SearchPage>();
  const [exported, setExported] = useState<number>();
  const [resolved, setResolved] = useState<string>();
  const load = useAction(async (f: AuditFilter, bookmark: string) => {
    const p = await searchAudit(api, f, bookmark);
    setPage(p);
    return p;
  });
  const search = useAction(async (v: FormValues) => {
    let subject = v.subject?.trim().toLowerCase() || undefined;
    if (v.mode === 'id' && v.idNumber) {
      subject = await lookupSubjectKey(api, v.idNumber.trim().toUpperCase(), { purpose: v.purpose ?? '', legalBasis: v.legalBasis ?? '', caseId: v.lookupCase ?? '' });
      form.setFieldValue('subject', subject);
      setResolved(subject);
    }
    const f: AuditFilter = {
      ...(subject ? { subject } : {}), ...(v.org ? { org: v.org } : {}), ...(v.operator?.trim() ? { operator: v.operator.trim() } : {}),
      ...(v.dataset?.trim() ? { dataset: v.dataset.trim() } : {}), ...(v.caseId?.trim() ? { caseId: v.caseId.trim() } : {}),
      ...(v.from ? { from: v.from.toDate().toISOString() } : {}), ...(v.to ? { to: v.to.toDate().toISOString() } : {}),
    };
    setFilter(f);
    setMarks(['']);
    setPage(undefined);
    await load.run(f, '');
  });
  const exportCsv = useAction(async () => {
    if (!filter) return;
    const { rows } = await searchAll(api, filter, EXPORT_LIMIT, setExported);
    download(`govchain-audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`, toCsv(rows, auditCsvColumns(t)));
    setExported(undefined);
  });
  const go = (bookmark: string, stack: string[]) => {
    if (!filter) return;
    setMarks(stack);
    void load.run(filter, bookmark);
  };
  const orgs = (config.orgs ?? []).map((m) => ({ value: m, label: t(`orgs.${m}`, { defaultValue: m }) }));
  const error = search.error ?? load.error ?? exportCsv.error;
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('audit.title')}</Typography.Title>
      <Card>
        <Form<FormValues> form={form} layout="vertical" initialValues={{ mode: 'subject' }} onFinish={(v) => void search.run(v)}>
          <Form.Item name="mode" label={t('audit.by')}>
            <Radio.Group optionType="button" options={[{ value: 'subject', label: t('audit.bySubject') }, { value: 'id', label: t('audit.byId') }]} />
          </Form.Item>
          {mode === 'id' ? (
            <>
              <Alert type="info" showIcon title={t('audit.lookupNote')} style={{ marginBottom: 16 }} />
              <div className="form-grid">
                <Form.Item name="idNumber" label={t('audit.idNumber')} rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: t('audit.badId') }]}>
                  <Input className="mono" autoComplete="off" spellCheck={false} maxLength={18} />
                </Form.Item>
                <Form.Item name="purpose" label={t('audit.purpose')} extra={t('audit.purposeHelp')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{0,63}$/, message: t('audit.purposeHelp') }]}>
                  <Input autoComplete="off" />
                </Form.Item>
                <Form.Item name="legalBasis" label={t('audit.legalBasis')} rules={[{ required: true, message: t('common.required') }]}>
                  <Input autoComplete="off" maxLength={300} />
                </Form.Item>
                <Form.Item name="lookupCase" label={t('audit.lookupCase')} rules={[{ required: true, pattern: /^[A-Za-z0-9._:/-]{1,128}$/, message: t('audit.caseHelp') }]}>
                  <Input autoComplete="off" maxLength={128} />
                </Form.Item>
              </div>
              {resolved ? <Typography.Paragraph type="secondary">{t('audit.resolved')}: <KeyText value={resolved} full /></Typography.Paragraph> : null}
            </>
          ) : (
            <Form.Item name="subject" label={t('audit.subject')} rules={[{ pattern: /^[0-9a-fA-F]{64}$/, message: t('audit.badSubject') }]}>
              <Input className="mono" autoComplete="off" spellCheck={false} maxLength={64} data-testid="filter-subject" />
            </Form.Item>
          )}
          <div className="form-grid">
            <Form.Item name="org" label={t('audit.org')}>
              <Select allowClear options={orgs} placeholder={t('audit.any')} />
            </Form.Item>
            <Form.Item name="operator" label={t('audit.operator')}><Input autoComplete="off" maxLength={128} /></Form.Item>
            <Form.Item name="dataset" label={t('audit.dataset')}><Input autoComplete="off" maxLength={128} /></Form.Item>
            <Form.Item name="caseId" label={t('audit.caseId')}><Input autoComplete="off" maxLength={128} data-testid="filter-case" /></Form.Item>
            <Form.Item name="from" label={t('common.from')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="to" label={t('common.to')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
          </div>
          <Space>
            <Button type="primary" htmlType="submit" loading={search.loading} data-testid="audit-search">{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilter(undefined); setPage(undefined); }}>{t('common.reset')}</Button>
          </Space>
        </Form>
      </Card>
      <section aria-label={t('audit.results')} style={{ marginTop: 16 }}>
        {error ? <ErrorAlert error={error} /> : null}
        {filter && !error ? (
          <ViewState loading={load.loading && !page} empty={!!page && page.records.length === 0 && !page.bookmark} emptyText={t('audit.noResults')}>
            {page ? (
              <Card>
                <div className="toolbar">
                  <Typography.Text type="secondary">{t('common.cost', { read: page.cost.read, pages: page.cost.pages })}</Typography.Text>
                  {page.withheld > 0 ? <Typography.Text className="warn-text">{t('common.withheld', { n: page.withheld })}</Typography.Text> : null}
                  <span style={{ flex: 1 }} />
                  <Button onClick={() => void exportCsv.run()} loading={exportCsv.loading}>{exported !== undefined ? t('common.exporting', { n: exported }) : t('common.exportCsv')}</Button>
                </div>
                {page.records.length === 0 && page.bookmark ? <Alert type="info" showIcon title={t('common.partial')} style={{ marginBottom: 12 }} /> : null}
                <div data-testid="audit-results"><Table rowKey="accessId" size="small" columns={auditColumns(t, i18n.language)} dataSource={page.records} pagination={false} loading={load.loading} scroll={{ x: 960 }} /></div>
                <div className="toolbar">
                  <Button disabled={marks.length <= 1} onClick={() => go('', [''])}>{t('common.first')}</Button>
                  <Button disabled={marks.length <= 1} onClick={() => go(marks[marks.length - 2] ?? '', marks.slice(0, -1))}>{t('common.prev')}</Button>
                  <Button type="primary" disabled={!page.bookmark} onClick={() => go(page.bookmark, [...marks, page.bookmark])}>{t('common.next')}</Button>
                </div>
              </Card>
            ) : null}
          </ViewState>
        ) : null}
      </section>
    </>
  );
}
