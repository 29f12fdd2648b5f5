import { useTranslation } from 'react-i18next';

/** A department by its display name, with the MSP id for the record. */
export function OrgName({ msp, withId = false }: { msp: string; withId?: boolean }) {
  const { t } = useTranslation();
  const name = t(`orgs.${msp}`, { defaultValue: msp });
  return <span title={msp}>{name}{withId && name !== msp ? <span className="muted"> ({msp})</span> : null}</span>;
}
