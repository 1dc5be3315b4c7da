import { Index } from 'typeorm';
import { CaseEntity } from '../cases/case.entity';
import { DeadlineEntity } from '../deadlines/deadline.entity';
import { FollowUpVisitEntity } from '../mediation/follow-up.entity';

/**
 * The indexes the report SQL relies on (migration ReportIndexes), declared on the entities they
 * belong to with synchronize: false: the schema diff must neither drop them nor try to create
 * them (partial indexes are written by hand). Declared here, beside the queries that need them,
 * and loaded from database/entities.ts so the app, the CLI and the drift check all see them.
 */
Index('cases_registered_at_idx', { synchronize: false })(CaseEntity);
Index('cases_overdue_idx', { synchronize: false })(CaseEntity);
Index('cases_open_overdue_idx', { synchronize: false })(CaseEntity);
Index('deadlines_closed_idx', { synchronize: false })(DeadlineEntity);
Index('follow_up_visits_done_idx', { synchronize: false })(FollowUpVisitEntity);
