import type { DependencyContainer } from 'tsyringe';
import { Config } from '../providers/config';

/** The container's `Config` registration (or its parents'), else a default `Config`. */
export function defaultConfig(container: DependencyContainer): Config {
  return container.isRegistered(Config, true) ? container.resolve(Config) : new Config();
}
