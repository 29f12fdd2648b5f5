import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Result, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PublicWork } from '../api/types';
import { useConsole } from '../app/console-context';
import { useAction } from '../app/use-request';
import { ErrorAlert } from '../components/ErrorAlert';
import { KeyText } from '../components/KeyText';
import { OrgName } from '../components/OrgName';
import { formatTime } from '../lib/format';
import { isSha256Hex, sha256OfFile } from '../lib/sha256';

/** Public: drop a file, hash it in the browser, send only the hash, show the deposit or "no deposit". */
export default function VerifyWorkPage() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [hashing, setHashing] = useState(false);
  const [fileName, setFileName] = useState<string>();
  const [hash, setHash] = useState<string>();
  const [answer, setAnswer] = useState<PublicWork>();
  const lookup = useAction(async (h: string) => {
    setAnswer(undefined);
    setHash(h);
    const res = await api.get<PublicWork>(`/public/works/${h}`);
    setAnswer(res);
    return res;
  });
  const onFile = async (file: File) => {
    setHashing(true);
    setFileName(file.name);
    setAnswer(undefined);
    try {
      await lookup.run(await sha256OfFile(file));
    } finally {
      setHashing(false);
    }
  };
  return (
    <>
      <Typography.Title level={1} className="page-title">{t('verify.title')}</Typography.Title>
      <Typography.Paragraph className="page-lead">{t('verify.lead')}</Typography.Paragraph>
      <Card>
        <Upload.Dragger
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void onFile(file);
            return Upload.LIST_IGNORE;
          }}
          customRequest={() => undefined}
          data-testid="work-drop"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined aria-hidden /></p>
          <p className="ant-upload-text">{t('verify.drop')}</p>
          <p className="ant-upload-hint">{t('verify.dropHint')}</p>
        </Upload.Dragger>
        <Form layout="inline" style={{ marginTop: 16, rowGap: 8 }} onFinish={({ hash: h }: { hash: string }) => void lookup.run(h.trim().toLowerCase())}>
          <Form.Item name="hash" label={t('verify.orHash')} rules={[{ validator: (_r, v: string) => (v && isSha256Hex(v.trim().toLowerCase()) ? Promise.resolve() : Promise.reject(new Error(t('verify.badHash')))) }]}>
            <Input className="mono" style={{ width: 'min(520px, 80vw)' }} spellCheck={false} autoComplete="off" placeholder={t('verify.hashLabel')} />
          </Form.Item>
          <Form.Item><Button htmlType="submit">{t('verify.check')}</Button></Form.Item>
        </Form>
      </Card>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {hashing || lookup.loading ? <Card loading title={t('verify.hashing')} /> : null}
        {hash && !hashing ? (
          <Typography.Paragraph>
            {fileName ? <>{t('verify.file')}: <strong>{fileName}</strong> · </> : null}{t('verify.hash')}: <KeyText value={hash} full />
          </Typography.Paragraph>
        ) : null}
        {lookup.error ? <ErrorAlert error={lookup.error} onRetry={() => hash && void lookup.run(hash)} /> : null}
        {answer?.matches === false ? <Result status="warning" title={<span data-testid="verify-result">{t('verify.notFound')}</span>} subTitle={t('verify.notFoundText')} /> : null}
        {answer?.matches === true ? (
          <Card title={<Space><Tag color="green" data-testid="verify-result">{t('verify.found')}</Tag>{answer.certificate.depositId}</Space>}>
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
              <Descriptions.Item label={t('verify.depositId')}>{answer.certificate.depositId}</Descriptions.Item>
              <Descriptions.Item label={t('verify.time')}>{formatTime(answer.certificate.timestamp, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.depositor')}><OrgName msp={answer.certificate.depositorMsp} withId /></Descriptions.Item>
              <Descriptions.Item label={t('verify.holders')}>
                {answer.holders.map((h, i) => <div key={i}>{h.kind === 'organisation' ? t('verify.organisation', { code: h.code }) : t('verify.person')}</div>)}
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.tx')} span={2}><KeyText value={answer.certificate.txId} full /></Descriptions.Item>
              <Descriptions.Item label={t('verify.block')}>{answer.certificate.blockNumber}</Descriptions.Item>
              <Descriptions.Item label="SHA-256"><KeyText value={answer.certificate.contentHash} /></Descriptions.Item>
            </Descriptions>
          </Card>
        ) : null}
      </div>
    </>
  );
}
