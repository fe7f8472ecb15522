import { useI18n } from '../../app-context.ts';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { LoginForm } from './login-form.tsx';
import { ScoutLayout } from './scout-layout.tsx';

/** The first login on a tablet; afterwards the remembered login opens the area offline too. */
export function LoginPage() {
  const i18n = useI18n();
  return (
    <ScoutLayout narrow>
      <div class="card scout-login-card">
        <PageHeading>{i18n.t('scout.loginTitle')}</PageHeading>
        <p class="lead">{i18n.t('scout.loginLead')}</p>
        <LoginForm idPrefix="login" />
      </div>
    </ScoutLayout>
  );
}
