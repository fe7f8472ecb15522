-- PostgreSQL twin of 0020-peer-sums.sql. Running sums per questionnaire, trade
-- group and dimension, kept by triggers, so a peer benchmark costs one indexed
-- read however many results exist. dimension_id '' holds the overall index.
CREATE TABLE peer_sums (
  questionnaire_id text NOT NULL,
  trade text NOT NULL,
  dimension_id text NOT NULL,
  n integer NOT NULL,
  total double precision NOT NULL,
  PRIMARY KEY (questionnaire_id, trade, dimension_id)
);

INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total)
SELECT questionnaire_id, trade, '', count(*), sum(overall_score) FROM results WHERE trade IS NOT NULL GROUP BY questionnaire_id, trade;

INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total)
SELECT questionnaire_id, trade, dimension_id, count(*), sum(score) FROM result_dimensions
WHERE trade IS NOT NULL AND has_basis = 1
GROUP BY questionnaire_id, trade, dimension_id;

-- In an upsert PostgreSQL needs the table named (`peer_sums.n`): a bare `n` is ambiguous there.
CREATE FUNCTION peer_sums_result_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total) VALUES (NEW.questionnaire_id, NEW.trade, '', 1, NEW.overall_score)
  ON CONFLICT (questionnaire_id, trade, dimension_id) DO UPDATE SET n = peer_sums.n + 1, total = peer_sums.total + excluded.total;
  RETURN NULL;
END;
$$;

CREATE TRIGGER peer_sums_result_added AFTER INSERT ON results
  FOR EACH ROW WHEN (NEW.trade IS NOT NULL) EXECUTE FUNCTION peer_sums_result_added();

CREATE FUNCTION peer_sums_result_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE peer_sums SET n = n - 1, total = total - OLD.overall_score
  WHERE questionnaire_id = OLD.questionnaire_id AND trade = OLD.trade AND dimension_id = '';
  RETURN NULL;
END;
$$;

CREATE TRIGGER peer_sums_result_removed AFTER DELETE ON results
  FOR EACH ROW WHEN (OLD.trade IS NOT NULL) EXECUTE FUNCTION peer_sums_result_removed();

CREATE FUNCTION peer_sums_dimension_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO peer_sums (questionnaire_id, trade, dimension_id, n, total) VALUES (NEW.questionnaire_id, NEW.trade, NEW.dimension_id, 1, NEW.score)
  ON CONFLICT (questionnaire_id, trade, dimension_id) DO UPDATE SET n = peer_sums.n + 1, total = peer_sums.total + excluded.total;
  RETURN NULL;
END;
$$;

CREATE TRIGGER peer_sums_dimension_added AFTER INSERT ON result_dimensions
  FOR EACH ROW WHEN (NEW.has_basis = 1 AND NEW.trade IS NOT NULL) EXECUTE FUNCTION peer_sums_dimension_added();

CREATE FUNCTION peer_sums_dimension_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE peer_sums SET n = n - 1, total = total - OLD.score
  WHERE questionnaire_id = OLD.questionnaire_id AND trade = OLD.trade AND dimension_id = OLD.dimension_id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER peer_sums_dimension_removed AFTER DELETE ON result_dimensions
  FOR EACH ROW WHEN (OLD.has_basis = 1 AND OLD.trade IS NOT NULL) EXECUTE FUNCTION peer_sums_dimension_removed();
