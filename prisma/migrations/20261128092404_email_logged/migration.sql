-- AlterEnum
ALTER TYPE "EmailStatus" ADD VALUE 'LOGGED';
