// The production section's pages by URL, so the back office's router needs one line for all of them.
import type { ReactNode } from 'react';
import { match } from '../../routing/router';
import { RecipesPage } from './RecipesPage';
import { RecipePage } from './RecipePage';
import { RunPage } from './RunPage';
import { CuttingPage } from './CuttingPage';
import { ConsumptionPage } from './ConsumptionPage';

export function productionPage(path: string): ReactNode | null {
  if (!path.startsWith('/production')) return null;
  let m: Record<string, string> | null;
  if ((m = match('/production/recipes/:itemId', path))) return <RecipePage key={m.itemId} itemId={m.itemId!} />;
  if (path === '/production/run') return <RunPage />;
  if (path === '/production/cutting') return <CuttingPage />;
  if (path === '/production/consumption') return <ConsumptionPage />;
  return <RecipesPage />;
}
