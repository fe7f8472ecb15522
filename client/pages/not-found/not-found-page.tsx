import { useI18n } from '../../app-context.ts';
import { Layout } from '../../components/layout/layout.tsx';
import { Link } from '../../components/link/link.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';

export function NotFoundPage() {
  const i18n = useI18n();
  return (
    <Layout>
      <PageHeading>{i18n.t('notFound.title')}</PageHeading>
      <p class="lead">{i18n.t('notFound.text')}</p>
      <Link class="button button--primary" href="/">
        {i18n.t('notFound.home')}
      </Link>
    </Layout>
  );
}
