import i18next from 'i18next';
import { FORM_ENGINE_NAMESPACE, registerFormEngineTranslations } from './form-engine-pt';

test("the form engine's buttons and messages read in Portuguese; its own app's translations win", async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'pt', resources: { pt: { [FORM_ENGINE_NAMESPACE]: { cancel: 'Cancelar (app)' } } } });
  registerFormEngineTranslations(i18n);
  const t = i18n.getFixedT('pt', FORM_ENGINE_NAMESPACE);
  expect([t('save'), t('chooseAnOption'), t('cancel')]).toEqual(['Gravar', 'Escolha uma opção', 'Cancelar (app)']);
  expect(() => registerFormEngineTranslations(undefined)).not.toThrow();
});
