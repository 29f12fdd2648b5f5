import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Progress, Space, Table, Tabs, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { lookupSubjectKey } from '../api/audit';
import type { CoverageRow, LeakReport } from '../api/types';
import { useConsole } from '../app/console-context';
import { useAction } from '../app/use-request';
import { ErrorAlert } from '../components/ErrorAlert';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { formatTime } from '../lib/format';
import { textOf } from '../lib/files';
import { parseIdNumbers, parseSubjectKeys } from '../lib/id-numbers';

/** Most leaked records one trace takes (the gateway's limit). */
const MAX_SUBJECTS = 200;

interface FormValues { keys?: string; purpose?: string; legalBasis?: string; caseId?: string; from?: Dayjs; to?: Dayjs }

/** Auditor: given leaked records, rank the operators and departments who accessed most of them; drill down. */
export default function LeakTracePage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [form] = Form.useForm<FormValues>();
  const [ids, setIds] = useState<{ ids: string[]; bad: number; name: string }>();
  const [converting, setConverting] = useState<{ done: number; total: number }>();
  const [report, setReport] = useState<LeakReport & { ms: number }>();
  const trace = useAction(async (v: FormValues) => {
    setReport(undefined);
    const keys = parseSubjectKeys(v.keys ?? '').keys;
    if (ids?.ids.length) {
      setConverting({ done: 0, total: ids.ids.length });
      for (const [i, id] of ids.ids.entries()) {
        keys.push(await lookupSubjectKey(api, id, { purpose: v.purpose ?? '', legalBasis: v.legalBasis ?? '', caseId: v.caseId ?? '' }));
        setConverting({ done: i + 1, total: ids.ids.length });
      }
    }
    const subjects = [...new Set(keys)];
    if (subjects.length === 0) throw new ApiError(400, 'INVALID_ARGUMENT', t('leaks.none'));
    if (subjects.length > MAX_SUBJECTS) throw new ApiError(400, 'INVALID_ARGUMENT', t('leaks.tooMany', { max: MAX_SUBJECTS }));
    const started = performance.now();
    const r = await api.post<LeakReport>('/audit/leak-trace', { subjects, ...(v.from ? { from: v.from.toDate().toISOString() } : {}), ...(v.to ? { to: v.to.toDate().toISOString() } : {}) });
    setReport({ ...r, ms: Math.round(performance.now() - started) });
  });
  const lang = i18n.language;
  const coverage = (r: CoverageRow) => (
    <Space>
      <Progress percent={Math.round(r.coverage * 100)} status="normal" format={(p) => `${p}%`} size="small" style={{ width: 120 }} aria-label={`${t('leaks.coverage')} ${Math.round(r.coverage * 100)}%`} />
      <span>{r.covered} / {report?.subjects}</span>
    </Space>
  );
  const operatorColumns = [
    { title: t('leaks.rank'), key: 'rank', render: (_: unknown, _r: CoverageRow, i: number) => i + 1, width: 64 },
    { title: t('audit.operator'), dataIndex: 'accessorOperatorId', key: 'op', render: (v: string) => <strong data-testid="leak-operator">{v}</strong> },
    { title: t('audit.org'), dataIndex: 'accessorMsp', key: 'org', render: (v: string) => <OrgName msp={v} /> },
    { title: t('leaks.coverage'), key: 'cov', render: (_: unknown, r: CoverageRow) => coverage(r) },
    { title: t('leaks.accesses'), dataIndex: 'accesses', key: 'acc' },
    { title: t('leaks.first'), dataIndex: 'firstAt', key: 'first', render: (v: string) => formatTime(v, lang) },
    { title: t('leaks.last'), dataIndex: 'lastAt', key: 'last', render: (v: string) => formatTime(v, lang) },
  ];
  const orgColumns = [
    { title: t('leaks.rank'), key: 'rank', render: (_: unknown, _r: CoverageRow, i: number) => i + 1, width: 64 },
    { title: t('audit.org'), dataIndex: 'accessorMsp', key: 'org', render: (v: string) => <OrgName msp={v} withId /> },
    { title: t('leaks.coverage'), key: 'cov', render: (_: unknown, r: CoverageRow) => coverage(r) },
    { title: t('leaks.accesses'), dataIndex: 'accesses', key: 'acc' },
    { title: t('leaks.operatorsOfOrg'), dataIndex: 'operators', key: 'ops' },
  ];
  const drill = (r: CoverageRow) => (
    <div>
      <Typography.Text strong>{t('leaks.drill')}</Typography.Text>
      <Table size="small" rowKey="subjectKey" pagination={false} dataSource={r.subjects ?? []} columns={[
        { title: t('audit.subject'), dataIndex: 'subjectKey', key: 's', render: (v: string) => <KeyText value={v} /> },
        { title: t('leaks.accesses'), dataIndex: 'count', key: 'c' },
        { title: t('audit.accessId'), dataIndex: 'accessIds', key: 'ids', render: (v: string[]) => <Space wrap>{v.map((id) => <Link key={id} to={`/audit/entry/${id}`} className="mono">{id.slice(0, 10)}…</Link>)}</Space> },
      ]} />
    </div>
  );
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('leaks.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('leaks.lead')}</Typography.Paragraph>
      <Card>
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void trace.run(v)}>
          <Form.Item name="keys" label={t('leaks.keys')}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} className="mono" spellCheck={false} data-testid="leak-keys" />
          </Form.Item>
          <Form.Item label={t('leaks.file')}>
            <Upload accept=".txt,.csv,text/plain,text/csv" maxCount={1} showUploadList={false} beforeUpload={async (file) => {
              setIds({ ...parseIdNumbers(await textOf(file)), name: file.name });
              return Upload.LIST_IGNORE;
            }}>
              <Button icon={<UploadOutlined aria-hidden />}>{t('leaks.chooseFile')}</Button>
            </Upload>
            {ids ? <Typography.Paragraph style={{ marginTop: 8 }}>{ids.name}: {t('leaks.idsLoaded', { n: ids.ids.length })}{ids.bad ? ` ${t('leaks.badLines', { n: ids.bad })}` : ''}</Typography.Paragraph> : null}
          </Form.Item>
          {ids?.ids.length ? (
            <>
              <Alert type="info" showIcon title={t('audit.lookupNote')} style={{ marginBottom: 16 }} />
              <div className="form-grid">
                <Form.Item name="purpose" label={t('audit.purpose')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{0,63}$/, message: t('audit.purposeHelp') }]}><Input autoComplete="off" /></Form.Item>
                <Form.Item name="legalBasis" label={t('audit.legalBasis')} rules={[{ required: true, message: t('common.required') }]}><Input autoComplete="off" /></Form.Item>
                <Form.Item name="caseId" label={t('audit.lookupCase')} rules={[{ required: true, pattern: /^[A-Za-z0-9._:/-]{1,128}$/, message: t('audit.caseHelp') }]}><Input autoComplete="off" /></Form.Item>
              </div>
            </>
          ) : null}
          <div className="form-grid">
            <Form.Item name="from" label={t('common.from')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="to" label={t('common.to')}><DatePicker showTime style={{ width: '100%' }} /></Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={trace.loading} data-testid="leak-run">{t('common.run')}</Button>
        </Form>
        {converting && trace.loading ? <Progress percent={Math.round((converting.done / converting.total) * 100)} format={() => t('leaks.converting', converting)} /> : null}
      </Card>
      <section aria-label={t('audit.results')} aria-live="polite" style={{ marginTop: 16 }}>
        {trace.error ? <ErrorAlert error={trace.error} /> : null}
        {report ? (
          <Card>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary" data-testid="leak-cost">{t('leaks.cost', { ...report.cost, ms: report.ms })}</Typography.Text>
              {!report.complete ? <Alert type="warning" showIcon title={t('leaks.incomplete')} /> : null}
              {report.untouched > 0 ? <Typography.Text>{t('leaks.untouched', { n: report.untouched })}</Typography.Text> : null}
              {report.withheld > 0 ? <Typography.Text className="warn-text">{t('common.withheld', { n: report.withheld })}</Typography.Text> : null}
              <Tabs items={[
                { key: 'ops', label: t('leaks.operators'), children: <Table size="small" rowKey={(r) => `${r.accessorMsp}/${r.accessorOperatorId}`} columns={operatorColumns} dataSource={report.operators} expandable={{ expandedRowRender: drill }} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 900 }} locale={{ emptyText: t('audit.noResults') }} /> },
                { key: 'orgs', label: t('leaks.orgs'), children: <Table size="small" rowKey="accessorMsp" columns={orgColumns} dataSource={report.orgs} pagination={false} locale={{ emptyText: t('audit.noResults') }} /> },
              ]} />
            </Space>
          </Card>
        ) : null}
      </section>
    </>
  );
}
