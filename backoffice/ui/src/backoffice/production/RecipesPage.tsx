// Recipes (tech cards): the items that have one, with their latest version; a new one starts from its output item.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { Link } from '../../shared/Link';
import { useApi } from '../../shared/useApi';
import { navigate } from '../../routing/router';
import { ItemCodeField, ProductionTabs, type PickedItem } from './shared';
import { useProductionTexts } from './texts';

export interface RecipeSummary {
  itemId: number;
  code: string;
  name: string;
  unit: string;
  producedAtSale: boolean;
  versions: number;
  latestVersion: number;
  latestValidFrom: string;
  outputQuantity: string;
}

export function RecipesPage() {
  const { t, qty, date } = useI18n();
  const pt = useProductionTexts();
  const { data, error } = useApi<{ recipes: RecipeSummary[] }>('/api/v1/production/recipes');
  const [output, setOutput] = useState<PickedItem>({ code: '', item: null });
  return (
    <section className="production">
      <h1>{pt('production.title')}</h1>
      <ProductionTabs current="/production/recipes" />
      <form
        className="filters new-recipe"
        onSubmit={(e) => {
          e.preventDefault();
          if (output.item) navigate(`/production/recipes/${output.item.id}`);
        }}
      >
        <label>
          {pt('production.newRecipe')}: <ItemCodeField label={pt('production.outputItem')} value={output} onChange={setOutput} name="output" />
        </label>
        <button type="submit" disabled={!output.item}>
          {pt('production.open')}
        </button>
      </form>
      <ErrorBox error={error} />
      {data && data.recipes.length === 0 ? <p>{pt('production.noRecipes')}</p> : null}
      <table className="grid recipes">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.name')}</th>
            <th className="num">{pt('production.yield')}</th>
            <th className="num">{pt('production.version')}</th>
            <th>{pt('production.validFrom')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.recipes.map((r) => (
            <tr key={r.itemId}>
              <td>
                <Link to={`/production/recipes/${r.itemId}`}>{r.code}</Link>
              </td>
              <td>
                {r.name} {r.producedAtSale ? <small className="badge">{pt('production.producedAtSale')}</small> : null}
              </td>
              <td className="num">
                {qty(r.outputQuantity)} {r.unit}
              </td>
              <td className="num">
                {r.latestVersion} / {r.versions}
              </td>
              <td>{date(r.latestValidFrom)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
