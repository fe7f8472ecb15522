import { useApp, useI18n } from '../../app-context.ts';
import { Notice } from '../../components/notice/notice.tsx';
import { PageHeading } from '../../components/page-heading/page-heading.tsx';
import { localDate } from '../../state/scout/scout-state.ts';
import { BusinessForm } from './business-form.tsx';
import { useScout } from './scout-context.ts';
import { ScoutLayout } from './scout-layout.tsx';
import { scoutListPath, visitPath } from './scout-routes.ts';
import { usePrepared } from './use-prepared.ts';

/** A new visit: the business's details; the visit, its code and its first change are made on the tablet. */
export function NewVisitPage() {
  const app = useApp();
  const scout = useScout();
  const i18n = useI18n();
  const loaded = usePrepared();
  return (
    <ScoutLayout>
      <div class="scout-narrow">
        <PageHeading>{i18n.t('scout.newTitle')}</PageHeading>
        <p class="lead">{i18n.t('scout.newLead')}</p>
        {loaded.kind === 'loading' ? (
          <p class="loading" role="status">
            {i18n.t('scout.loading')}
          </p>
        ) : loaded.kind === 'failed' ? (
          <Notice kind="error">{i18n.t('scout.reviewNeedsData')}</Notice>
        ) : (
          <div class="card">
            <BusinessForm
              prepared={loaded.value}
              initial={{ business: { name: '', trade: '', employees: '', postcode: '' }, visitDate: localDate(new Date()) }}
              submitLabel={i18n.t('scout.businessStart')}
              onCancel={() => app.navigate(scoutListPath())}
              onSubmit={async (input) => {
                const visit = await scout.createVisit(input, loaded.value);
                app.navigate(visitPath(visit.id, loaded.value.dimensionSections[0]!.id));
              }}
            />
          </div>
        )}
      </div>
    </ScoutLayout>
  );
}
