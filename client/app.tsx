/** The root component: provides the app state and shows the page the URL names. */
import { AppContext, useApp } from './app-context.ts';
import { CheckPage } from './pages/check/check-page.tsx';
import { NotFoundPage } from './pages/not-found/not-found-page.tsx';
import { ResumePage } from './pages/resume/resume-page.tsx';
import { RetakePage } from './pages/retake/retake-page.tsx';
import { ScoutApp } from './pages/scout/scout-app.tsx';
import { StaffApp } from './pages/staff/staff-app.tsx';
import { StartPage } from './pages/start/start-page.tsx';
import type { AppState } from './state/app-state.ts';

export function App({ state }: { state: AppState }) {
  return (
    <AppContext.Provider value={state}>
      <CurrentPage />
    </AppContext.Provider>
  );
}

function CurrentPage() {
  const app = useApp();
  const route = app.route.value;
  switch (route.page) {
    case 'start':
      return <StartPage />;
    case 'resume':
      return <ResumePage code={route.code} />;
    case 'retake':
      return <RetakePage id={route.id} token={route.token} />;
    case 'check':
      return <CheckPage id={route.id} step={route.step} anchor={route.anchor} />;
    case 'staff':
      return <StaffApp path={route.path} />;
    case 'scout':
      return <ScoutApp path={route.path} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
