-- Running sums per questionnaire, trade group and dimension, kept by triggers,
-- so a peer benchmark costs one indexed read however many results exist.
-- dimension_id '' holds the overall index.
CREATE TABLE peer_sums (
  questionnaire_id TEXT NOT NULL,
  trade TEXT NOT NULL,
  dimension_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  total REAL NOT NULL,
  PRIMARY KEY (questionnaire_id, trade, dimension_id)
) STRICT;

INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total)
SELECT questionnaire_id, trade, '', count(*), sum(overall_score) FROM results WHERE trade IS NOT NULL GROUP BY questionnaire_id, trade;

INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total)
SELECT questionnaire_id, trade, dimension_id, count(*), sum(score) FROM result_dimensions
WHERE trade IS NOT NULL AND has_basis = 1
GROUP BY questionnaire_id, trade, dimension_id;

CREATE TRIGGER peer_sums_result_added AFTER INSERT ON results WHEN NEW.trade IS NOT NULL
BEGIN
  INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total) VALUES (NEW.questionnaire_id, NEW.trade, '', 1, NEW.overall_score)
  ON CONFLICT (questionnaire_id, trade, dimension_id) DO UPDATE SET n = n + 1, total = total + excluded.total;
END;

CREATE TRIGGER peer_sums_result_removed AFTER DELETE ON results WHEN OLD.trade IS NOT NULL
BEGIN
  UPDATE peer_sums SET n = n - 1, total = total - OLD.overall_score
  WHERE questionnaire_id = OLD.questionnaire_id AND trade = OLD.trade AND dimension_id = '';
END;

CREATE TRIGGER peer_sums_dimension_added AFTER INSERT ON result_dimensions WHEN NEW.has_basis = 1 AND NEW.trade IS NOT NULL
BEGIN
  INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total) VALUES (NEW.questionnaire_id, NEW.trade, NEW.dimension_id, 1, NEW.score)
  ON CONFLICT (questionnaire_id, trade, dimension_id) DO UPDATE SET n = n + 1, total = total + excluded.total;
END;

CREATE TRIGGER peer_sums_dimension_removed AFTER DELETE ON result_dimensions WHEN OLD.has_basis = 1 AND OLD.trade IS NOT NULL
BEGIN
  UPDATE peer_sums SET n = n - 1, total = total - OLD.score
  WHERE questionnaire_id = OLD.questionnaire_id AND trade = OLD.trade AND dimension_id = OLD.dimension_id;
END;
