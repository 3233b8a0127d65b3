-- Incubator projects: a founding team takes an idea through the stages to a co-operative. The team are accounts
-- (natural persons); firms among the founders are declared as a number. Seen only by the team and the staff of the
-- territorial association the project belongs to (and platform administrators).
CREATE TABLE incubator_projects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  idea text NOT NULL CHECK (length(idea) BETWEEN 1 AND 5000),
  ateco_code text CHECK (ateco_code ~ '^[0-9]{2}(\.[0-9]{1,2}){0,2}$'),
  kind text NOT NULL CHECK (kind IN ('worker', 'user', 'producer', 'housing', 'social_a', 'social_b', 'community')),
  activity text NOT NULL CHECK (activity IN ('social_services', 'work_integration', 'agriculture', 'housing', 'other')),
  member_groups text[] NOT NULL CHECK (cardinality(member_groups) >= 1
    AND member_groups <@ ARRAY['workers', 'users', 'producers', 'inhabitants', 'community']),
  legal_person_founders integer NOT NULL DEFAULT 0 CHECK (legal_person_founders >= 0),
  workers_buyout boolean NOT NULL DEFAULT false,
  planned_workers integer CHECK (planned_workers >= 0),
  disadvantaged_workers integer CHECK (disadvantaged_workers >= 0 AND disadvantaged_workers <= planned_workers),
  sdg_goals smallint[] NOT NULL DEFAULT '{}' CHECK (sdg_goals <@ ARRAY[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
  needs text[] NOT NULL DEFAULT '{}',
  territorial_id uuid NOT NULL REFERENCES organisations (id),
  stage text NOT NULL DEFAULT 'idea'
    CHECK (stage IN ('idea', 'validation', 'business_plan', 'statute', 'founding_deed', 'registration', 'follow_up')),
  -- The co-op the project became (set when founding closes the loop; a later slice).
  cooperative_id uuid REFERENCES cooperatives (organisation_id),
  created_by uuid NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incubator_projects_territorial_idx ON incubator_projects (territorial_id);
CREATE INDEX incubator_projects_cooperative_idx ON incubator_projects (cooperative_id) WHERE cooperative_id IS NOT NULL;

CREATE TABLE incubator_founders (
  project_id uuid NOT NULL REFERENCES incubator_projects (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id),
  role text NOT NULL DEFAULT 'founder' CHECK (role IN ('lead', 'founder')),
  added_by uuid REFERENCES accounts (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, account_id)
);
CREATE INDEX incubator_founders_account_idx ON incubator_founders (account_id);

-- Checklist items done (items not listed here are still open; the items themselves are in the code).
CREATE TABLE incubator_checklist (
  project_id uuid NOT NULL REFERENCES incubator_projects (id) ON DELETE CASCADE,
  stage text NOT NULL,
  item text NOT NULL,
  done_by uuid REFERENCES accounts (id),
  done_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, stage, item)
);
