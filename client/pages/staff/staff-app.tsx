/** Chamber staff and admins: login, dashboard, exports, users, audit log (under /kammer). */
import { NotFoundPage } from '../not-found/not-found-page.tsx';

export function StaffApp({ path }: { path: string }) {
  return path === '/' ? <NotFoundPage /> : <NotFoundPage />;
}
