-- The experts of a topic in one department (/experts?topic=&department=)
-- walked the topic's ranking and skipped the other departments' people: at
-- 20,000 people in 20 departments, twenty rows read for each one shown.
-- Each score row now carries its person's department, kept by triggers,
-- and an index ranks a topic's people within a department.
ALTER TABLE expertise_scores ADD COLUMN department_id INTEGER;
UPDATE expertise_scores SET department_id = (SELECT p.department_id FROM people p WHERE p.id = expertise_scores.person_id);
CREATE INDEX expertise_scores_department_rank ON expertise_scores(tag, department_id, score DESC, person_id);

CREATE TRIGGER expertise_scores_department AFTER INSERT ON expertise_scores FOR EACH ROW
BEGIN
    UPDATE expertise_scores SET department_id = (SELECT p.department_id FROM people p WHERE p.id = NEW.person_id)
    WHERE tag = NEW.tag AND person_id = NEW.person_id;
END;

CREATE TRIGGER expertise_scores_person_department AFTER UPDATE OF department_id ON people FOR EACH ROW
WHEN NEW.department_id IS NOT OLD.department_id
BEGIN
    UPDATE expertise_scores SET department_id = NEW.department_id WHERE person_id = NEW.id;
END;
