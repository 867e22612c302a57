export { VirtualClock } from './virtual-clock';
