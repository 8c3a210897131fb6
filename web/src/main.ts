import './style.css';
import { driftPage } from './pages/drift';
import { featuresPage } from './pages/features';
import { landingPage } from './pages/landing';
import { modelPage, modelsPage } from './pages/models';
import { performancePage } from './pages/performance';
import { predictPage } from './pages/predict';
import { videoPage } from './pages/video';
import { videosPage } from './pages/videos';
import { render, route } from './router';

route('/', 'Home', landingPage);
route('/predict', 'Live predictions', predictPage);
route('/videos', 'Videos', videosPage);
route('/videos/:id', 'Video', videoPage);
route('/models', 'Models', modelsPage);
route('/models/:name', 'Model', modelPage);
route('/performance', 'Model performance', performancePage);
route('/features', 'Feature analysis', featuresPage);
route('/drift', 'Drift', driftPage);

window.addEventListener('hashchange', () => {
  void render().then(() => document.getElementById('main')?.focus({ preventScroll: true }));
});
void render();
