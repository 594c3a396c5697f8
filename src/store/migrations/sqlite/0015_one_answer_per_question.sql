-- One answer per question of a section, held by the database: two people answering the same
-- question at the same moment cannot both add one (the second is told which answer to edit).
CREATE UNIQUE INDEX review_answers_one_per_question
  ON review_answers (incident_id, section, question);
