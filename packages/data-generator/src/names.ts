/** Name and place pools for synthetic Mozambican patients (common names, no real people). */
export const FEMALE_GIVEN = [
  'Ana', 'Maria', 'Fátima', 'Joana', 'Celeste', 'Luísa', 'Graça', 'Rosa', 'Amélia', 'Teresa', 'Helena', 'Isabel',
  'Cristina', 'Lúcia', 'Esperança', 'Felizarda', 'Albertina', 'Rosalina', 'Marta', 'Ilda', 'Judite', 'Aida',
  'Zaida', 'Anabela', 'Delfina', 'Rabia', 'Sara', 'Atija', 'Filomena', 'Laura', 'Glória', 'Inês', 'Beatriz',
  'Jacinta', 'Carolina', 'Benedita', 'Angelina', 'Olga', 'Virgínia', 'Argentina',
] as const;

export const MALE_GIVEN = [
  'João', 'José', 'António', 'Manuel', 'Carlos', 'Alberto', 'Armando', 'Fernando', 'Paulo', 'Samuel', 'Pedro',
  'Francisco', 'Abel', 'Américo', 'Domingos', 'Ernesto', 'Felisberto', 'Lourenço', 'Mussa', 'Abdul', 'Momade',
  'Saide', 'Ismael', 'Hélder', 'Celso', 'Jorge', 'Raúl', 'Tomás', 'Victor', 'Zacarias', 'Anselmo', 'Bernardo',
  'Cândido', 'Eduardo', 'Gildo', 'Horácio', 'Inácio', 'Júlio', 'Narciso', 'Rui',
] as const;

export const FAMILY = [
  'Mondlane', 'Machel', 'Sitoe', 'Cossa', 'Macuácua', 'Nhantumbo', 'Chissano', 'Mabunda', 'Langa', 'Tembe',
  'Muianga', 'Matsinhe', 'Bila', 'Nhaca', 'Mucavele', 'Chambal', 'Massingue', 'Cumbe', 'Sithole', 'Zitha', 'Novela',
  'Manjate', 'Namashulua', 'Momade', 'Assane', 'Sumail', 'Muchanga', 'Guambe', 'Mussa', 'Chauque', 'Mahumane',
  'Ussene', 'Jamal', 'Nhamuave', 'Cuna', 'Mulhovo', 'Tivane', 'Banze', 'Macamo', 'Chirindza', 'Mucopa', 'Nampula',
  'Quembo', 'Bata', 'Sualehe', 'Raimundo', 'Pacheco', 'Alves', 'Fernandes', 'Santos',
] as const;

export const BAIRRO_SUFFIXES = ['1', '2', '3', 'Sede', 'Expansão', 'Central', 'Norte', 'Sul'] as const;
export const BAIRRO_NAMES = [
  'Muhala', 'Namutequeliua', 'Napipine', 'Mutauanha', 'Carrupeia', 'Natikiri', 'Marrere', 'Namicopo', 'Mocone',
  'Coalane', 'Chuabo Dembe', 'Micajune', 'Sangariveira', 'Aeroporto', 'Cimento', 'Liberdade', 'Esturro', 'Chingodzi',
] as const;

export const LANDMARKS = [
  'perto da escola primária', 'atrás do mercado', 'junto à igreja', 'perto da mesquita', 'ao lado do furo de água',
  'em frente à barraca', 'perto do posto policial', 'junto à paragem', 'perto do campo de futebol',
] as const;
