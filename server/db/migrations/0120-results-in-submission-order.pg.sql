-- Issue 21: results.csv streams one questionnaire's results in submission order
-- through a cursor; this index delivers them in that order instead of a sort of
-- every row (see 0120-results-in-submission-order.sql).
CREATE INDEX results_in_submission_order ON results (questionnaire_id, assessment_row_id);
