import { z } from "zod";
import { requiredText } from "../validation";

export const applicationName = requiredText("Name", 100);

export const createApplicationInput = z.object({ name: applicationName });
export const renameApplicationInput = z.object({ applicationId: z.string().min(1), name: applicationName });
