import { z } from "zod";
import { Role } from "../db";

export const email = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .min(1, "Email is required.")
  .max(254, "Email must be at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

export const newPassword = z
  .string({ error: "Password is required." })
  .min(12, "Password must be at least 12 characters.")
  .max(256, "Password must be at most 256 characters.");

export const role = z.enum(Role, { error: "Choose Admin or Developer." });

export const signUpInput = z.object({
  email,
  name: z.string().trim().max(100, "Name must be at most 100 characters.").optional(),
  password: newPassword,
  invitation: z.string().trim().max(200).optional(),
});

export const signInInput = z.object({
  email,
  password: z.string().min(1, "Password is required.").max(256, "Password must be at most 256 characters."),
});

export const createInvitationInput = z.object({
  email: z.union([z.literal(""), email]).optional(),
  role: role.default("DEVELOPER"),
});
