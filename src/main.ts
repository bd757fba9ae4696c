import { prewarmMapWorker } from './map/index';
import './ui/app-shell/app-shell.component';

// The map's worker loads its script while the shell renders and creates the map.
prewarmMapWorker();
document.body.append(document.createElement('gis-app'));
