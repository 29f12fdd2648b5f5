import { useEffect, useState } from 'react';
import { Alert, Button, Card, Collapse, Space, Table, Tag, Typography, Upload } from 'antd';
import { FileProtectOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TrustAnchors } from '../api/types';
import { ApiError } from '../api/api-error';
import { useConsole } from '../app/console-context';
import { useAction, useRequest } from '../app/use-request';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReceiptReport } from '../components/ReceiptReport';
import { ViewState } from '../components/ViewState';
import { textOf } from '../lib/files';
import { sha256OfFile } from '../lib/sha256';
import { fingerprintOf, mspIdOfFileName, readReceiptFile, verifyReceiptText, type Anchor, type VerificationReport } from '../lib/receipts';

/** CA files someone loaded themselves (their own copies from the departments' official sources). */
async function anchorsOfFiles(files: File[]): Promise<Anchor[]> {
  const out: Anchor[] = [];
  for (const f of files) {
    const mspId = mspIdOfFileName(f.name);
    if (!mspId) throw new ApiError(0, 'TRUST_INVALID', `${f.name}: name each file after its org's MSP id, e.g. CopyrightOfficeMSP.pem`);
    const pem = await textOf(f);
    let sha256: string;
    try {
      sha256 = await fingerprintOf(pem);
    } catch {
      throw new ApiError(0, 'TRUST_INVALID', `${f.name} is not a PEM certificate`);
    }
    out.push({ mspId, pem, sha256 });
  }
  return out;
}

/**
 * Public: verify a receipt JSON, or a certificate PDF that carries one, inside the browser with the verifier the
 * CLI uses, against the root CA certificates the gateway publishes (or the visitor's own). Everything it needs is
 * loaded with the page: the check itself works with the network unplugged.
 */
export default function VerifyReceiptPage() {
  const { t } = useTranslation();
  const { api } = useConsole();
  const published = useRequest(() => api.get<TrustAnchors>('/public/trust-anchors'), []);
  const [own, setOwn] = useState<Anchor[]>();
  const [fileName, setFileName] = useState<string>();
  const [workHash, setWorkHash] = useState<string>();
  const [workName, setWorkName] = useState<string>();
  const [report, setReport] = useState<VerificationReport>();
  const anchors: Anchor[] | undefined = own ?? published.data?.anchors;
  const check = useAction(async (file: File) => {
    setReport(undefined);
    setFileName(file.name);
    if (!anchors?.length) throw new ApiError(0, 'TRUST_INVALID', t('receipt.noAnchors'));
    const input = await readReceiptFile(file);
    const r = await verifyReceiptText(input, anchors, workHash);
    setReport(r);
    return r;
  });
  const loadOwn = useAction(async (files: File[]) => {
    const loaded = await anchorsOfFiles(files);
    setOwn(loaded);
    return loaded;
  });
  // A new trust set or work file makes an earlier verdict stale.
  useEffect(() => setReport(undefined), [own, workHash]);
  const [ownFiles, setOwnFiles] = useState<File[]>([]);
  useEffect(() => {
    if (ownFiles.length > 0) void loadOwn.run(ownFiles);
  }, [ownFiles]);

  return (
    <>
      <Typography.Title level={1} className="page-title">{t('receipt.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('receipt.lead')}</Typography.Paragraph>
      <Card>
        <div data-testid="receipt-drop">
        <Upload.Dragger
          multiple={false}
          showUploadList={false}
          accept=".json,.pdf,application/json,application/pdf"
          beforeUpload={(file) => {
            void check.run(file);
            return Upload.LIST_IGNORE;
          }}
          customRequest={() => undefined}
          disabled={!anchors?.length}
        >
          <p className="ant-upload-drag-icon"><FileProtectOutlined aria-hidden /></p>
          <p className="ant-upload-text">{t('receipt.drop')}</p>
          <p className="ant-upload-hint">{t('receipt.dropHint')}</p>
        </Upload.Dragger>
        </div>
        <div className="toolbar">
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void sha256OfFile(file).then((h) => {
                setWorkName(file.name);
                setWorkHash(h);
              });
              return Upload.LIST_IGNORE;
            }}
            customRequest={() => undefined}
          >
            <Button>{t('receipt.work')}</Button>
          </Upload>
          {workName ? (
            <Tag closable onClose={() => { setWorkName(undefined); setWorkHash(undefined); }} closeIcon={<span aria-label={t('common.close')}>×</span>}>
              {t('receipt.workLoaded', { name: workName })}
            </Tag>
          ) : <Typography.Text type="secondary">{t('receipt.workHint')}</Typography.Text>}
        </div>
      </Card>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {check.loading ? <Card loading title={t('receipt.checking')} /> : null}
        {fileName && !check.loading ? <Typography.Paragraph>{t('verify.file')}: <strong>{fileName}</strong></Typography.Paragraph> : null}
        {check.error ? <ErrorAlert error={check.error} /> : null}
        {report && !check.loading ? <ReceiptReport report={report} /> : null}
      </div>
      <Card style={{ marginTop: 16 }} title={<h2 className="card-title"><SafetyCertificateOutlined aria-hidden /> {t('receipt.trustTitle')}</h2>}>
        <ViewState loading={published.loading && !own} error={own ? undefined : published.error} onRetry={published.reload}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {own
              ? <Alert type="info" showIcon title={t('receipt.usingOwn', { n: own.length })} action={<Button size="small" onClick={() => { setOwn(undefined); setOwnFiles([]); }}>{t('receipt.usePublished')}</Button>} />
              : <Typography.Paragraph style={{ marginBottom: 0 }}>{t('receipt.trustLead')}</Typography.Paragraph>}
            <Collapse
              items={[{
                key: 'anchors',
                label: t('receipt.anchorList', { n: anchors?.length ?? 0 }),
                children: (
                  <Table
                    size="small"
                    rowKey="mspId"
                    pagination={false}
                    dataSource={anchors ?? []}
                    scroll={{ x: true }}
                    data-testid="trust-anchors"
                    columns={[
                      { title: t('receipt.org'), dataIndex: 'mspId' },
                      { title: t('receipt.fingerprint'), dataIndex: 'sha256', render: (v: string) => <span className="mono break">{v}</span> },
                    ]}
                  />
                ),
              }]}
            />
            {loadOwn.error ? <ErrorAlert error={loadOwn.error} /> : null}
            <Upload
              multiple
              showUploadList={false}
              accept=".pem,.crt,.cer"
              beforeUpload={(_file, list) => {
                setOwnFiles(list);
                return Upload.LIST_IGNORE;
              }}
              customRequest={() => undefined}
            >
              <Button>{t('receipt.loadOwn')}</Button>
            </Upload>
          </Space>
        </ViewState>
      </Card>
    </>
  );
}
