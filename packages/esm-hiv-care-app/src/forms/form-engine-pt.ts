import type { i18n } from 'i18next';

// The O3 form engine translates its own buttons and messages in the namespace of the form-engine app,
// which this distro does not ship (this app embeds the engine): without these, a Portuguese chart shows
// "Save" and "Choose an option". The form engine app's own translations, if present, win.

export const FORM_ENGINE_NAMESPACE = '@openmrs/esm-form-engine-app';

export const FORM_ENGINE_PT: Record<string, string> = {
  add: 'Adicionar',
  blank: 'Em branco',
  cancel: 'Cancelar',
  chooseAnOption: 'Escolha uma opção',
  close: 'Fechar',
  errorDescription: '{{errors}}',
  errorLoadingFormSchema: 'Erro ao carregar a ficha',
  errorLoadingInitialValues: 'Erro ao carregar os valores da ficha',
  errorProcessingFormSubmission: 'Erro ao gravar a ficha',
  errorRenderingField: 'Erro ao mostrar o campo',
  errorSavingEncounter: 'Erro ao gravar o encontro',
  fieldErrorDescriptionTitle: 'Erros de validação',
  loading: 'A carregar',
  nullMandatoryField: 'Preencha os campos obrigatórios',
  previousValue: 'Valor anterior:',
  remove: 'Remover',
  required: 'Obrigatório',
  reuseValue: 'Reutilizar o valor',
  save: 'Gravar',
  search: 'Pesquisar',
  searching: 'A pesquisar',
  submittedForm: 'Ficha gravada',
  submittedFormDescription: 'A ficha foi gravada',
  submitting: 'A gravar',
  time: 'Hora',
  unspecified: 'Não especificado',
  updatedRecord: 'Registo actualizado',
  updatedRecordDescription: 'O encontro do utente foi actualizado',
  valuesOutOfBound: 'Alguns valores estão fora dos limites',
};

/** Adds them to the app shell's i18next (none, or a stand-in without bundles, in component tests). */
export function registerFormEngineTranslations(i18next: Partial<i18n> | undefined): void {
  i18next?.addResourceBundle?.('pt', FORM_ENGINE_NAMESPACE, FORM_ENGINE_PT, true, false);
}
