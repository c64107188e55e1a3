import type { Jurisdiction } from '../../workflows';
import type { GovernmentLevel } from './government.entity';

// The answers of /api/governments, as classes the Swagger CLI plugin describes.

/** A people's government: a province, a city or a county. */
export class Government {
  id: string;
  name: string;
  level: GovernmentLevel;
  /** the government above it; null at the top */
  parentId: string | null;
  /** `/jiangsu/suqian/siyang/`: its place among the governments */
  path: string;
  documentPrefix: string;
  jurisdiction: Jurisdiction;
  reviewDepartment: string | null;
  officeDepartment: string | null;
}

/** A government as the public pages name it. */
export class PublicGovernment {
  id: string;
  name: string;
  level: GovernmentLevel;
  parentId: string | null;
}
