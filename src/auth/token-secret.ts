import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/config';
import type { Db } from '../database/db.service';
import { SettingEntity } from '../database/setting.entity';

/**
 * JWT_SECRET when set; otherwise a random secret generated on first boot and kept in the
 * database, so tokens survive a restart and every instance on one database agrees.
 */
export async function resolveTokenSecret(config: AppConfig, db: Db): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  return db.transaction(async (m) => {
    const existing = await m.findOne(SettingEntity, { where: { key: 'jwt_secret' } });
    if (existing) return existing.value;
    const value = randomBytes(32).toString('hex');
    await m.insert(SettingEntity, { key: 'jwt_secret', value });
    return value;
  });
}
