// Entities and migrations the database specs share. They live outside src/ so that the
// build never ships them.
import { Column, Entity, ManyToOne, PrimaryGeneratedColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

@Entity({ name: 'spec_account' })
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100, unique: true })
  email!: string;
}

export class CreateAccounts1795000000001 implements MigrationInterface {
  name = 'CreateAccounts1795000000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "spec_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(100) NOT NULL, ` +
        `CONSTRAINT "UQ_spec_account_email" UNIQUE ("email"), CONSTRAINT "PK_spec_account" PRIMARY KEY ("id"))`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "spec_account"`);
  }
}

/** A plugin's entity that refers to a core one. */
@Entity({ name: 'notes_note' })
export class Note {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text' })
  text!: string;

  @ManyToOne(() => Account, { nullable: true })
  author?: Account | null;
}

export class CreateNotes1795000000010 implements MigrationInterface {
  name = 'CreateNotes1795000000010';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notes_note" ("id" SERIAL NOT NULL, "text" text NOT NULL, "authorId" uuid, CONSTRAINT "PK_notes_note" PRIMARY KEY ("id"), ` +
        `CONSTRAINT "FK_notes_note_author" FOREIGN KEY ("authorId") REFERENCES "spec_account"("id"))`,
    );
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notes_note"`);
  }
}

export class AddNoteTags1795000000020 implements MigrationInterface {
  name = 'AddNoteTags1795000000020';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notes_tag" ("name" text PRIMARY KEY)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notes_tag"`);
  }
}

export class BrokenNotes1795000000030 implements MigrationInterface {
  name = 'BrokenNotes1795000000030';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notes_note" ADD "missing_type" no_such_type`);
  }
  async down(): Promise<void> {}
}

/** Tables that exist in the database's public schema, for "nothing was left behind" checks. */
export async function tableNames(query: (sql: string) => Promise<Array<{ table_name: string }>>): Promise<string[]> {
  const rows = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  return rows.map((row) => row.table_name);
}
