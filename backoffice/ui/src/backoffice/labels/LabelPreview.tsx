// A label drawn in the browser as SVG, laid out like the bridge's templates: a price tag (58 × 40 mm) with name,
// big price, unit price and EAN-13 bars, or a shelf label (58 × 30 mm) with the price beside the bars.
import type { LabelFields } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { ean13Modules } from './ean13';

export type LabelTemplate = 'price-tag' | 'shelf-label';

function Bars({ code, x, y, width, height }: { code: string; x: number; y: number; width: number; height: number }) {
  const modules = ean13Modules(code);
  if (!modules) {
    return (
      <text x={x + width / 2} y={y + height / 2} fontSize={3.2} textAnchor="middle" fontFamily="monospace">
        {code}
      </text>
    );
  }
  const w = width / modules.length;
  const rects = [];
  for (let i = 0; i < modules.length; i++) if (modules[i] === '1') rects.push(<rect key={i} x={x + i * w} y={y} width={w} height={height - 3.5} fill="#000" />);
  return (
    <g className="bars" data-code={code}>
      {rects}
      <text x={x + width / 2} y={y + height - 0.6} fontSize={2.8} textAnchor="middle" fontFamily="monospace" letterSpacing={0.6}>
        {code}
      </text>
    </g>
  );
}

export function LabelPreview({ fields, template }: { fields: LabelFields; template: LabelTemplate }) {
  const { t } = useI18n();
  const tag = template === 'price-tag';
  const w = 58;
  const h = tag ? 40 : 30;
  const name = fields.name.length > 34 ? `${fields.name.slice(0, 33)}…` : fields.name;
  return (
    <svg className="label-preview" data-template={template} viewBox={`0 0 ${w} ${h}`} width={w * 4} height={h * 4} role="img" aria-label={`${fields.name} ${fields.price} ${fields.currency}`}>
      <rect x={0.25} y={0.25} width={w - 0.5} height={h - 0.5} rx={1.5} fill="#fff" stroke="#98a2b3" strokeWidth={0.5} />
      <text x={2} y={5} fontSize={3.4} fontWeight={600} fontFamily="sans-serif">
        {name}
      </text>
      {tag ? (
        <>
          <text x={w - 2} y={17} fontSize={10} fontWeight={700} textAnchor="end" fontFamily="sans-serif" className="price">
            {fields.price} {fields.currency}
          </text>
          <text x={2} y={21} fontSize={2.6} fontFamily="sans-serif">
            {fields.unitPrice} {fields.currency} {t('labels.perUnit', { unit: fields.unit })}
          </text>
          <Bars code={fields.barcode} x={4} y={23} width={w - 8} height={15.5} />
        </>
      ) : (
        <>
          <Bars code={fields.barcode} x={2} y={8} width={30} height={20} />
          <text x={w - 2} y={19} fontSize={7.5} fontWeight={700} textAnchor="end" fontFamily="sans-serif" className="price">
            {fields.price}
          </text>
          <text x={w - 2} y={24} fontSize={2.6} textAnchor="end" fontFamily="sans-serif">
            {fields.currency} · {fields.unitPrice} {t('labels.perUnit', { unit: fields.unit })}
          </text>
        </>
      )}
    </svg>
  );
}
