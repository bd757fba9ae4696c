import './ui/app-shell/app-shell.component';

document.body.append(document.createElement('gis-app'));
