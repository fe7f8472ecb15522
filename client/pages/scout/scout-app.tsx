/** Process scouts: visits on a tablet, offline first (under /scout). */
import { NotFoundPage } from '../not-found/not-found-page.tsx';

export function ScoutApp({ path }: { path: string }) {
  return path === '/' ? <NotFoundPage /> : <NotFoundPage />;
}
