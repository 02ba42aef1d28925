/**
 * Routes of the accounts domain, one file per page group: sign-up, log-in
 * and log-out, preferences (and the one-click mail page), and pseud management. Mounted before the users
 * domain so /users/:name/pseuds/new is not read as a pseud called "new".
 */
import { Hono } from 'hono';
import type { AppEnv } from '../web/context.ts';
import { loginRoutes } from './login-routes.tsx';
import { passwordResetRoutes } from './password-reset-routes.tsx';
import { mailPreferenceRoutes } from './mail-preference-routes.tsx';
import { preferenceRoutes } from './preference-routes.tsx';
import { signupRoutes } from './signup-routes.tsx';
import { twoFactorLoginRoutes } from './two-factor/login-routes.tsx';
import { twoFactorPreferenceRoutes } from './two-factor/preference-routes.tsx';
import { confirmationRoutes } from './confirmation-routes.tsx';
import { accountEditRoutes } from './account-edit-routes.tsx';

export const accountRoutes = new Hono<AppEnv>();

accountRoutes.route('/', signupRoutes);
accountRoutes.route('/', loginRoutes);
accountRoutes.route('/', passwordResetRoutes);
accountRoutes.route('/', preferenceRoutes);
accountRoutes.route('/', mailPreferenceRoutes);
accountRoutes.route('/', twoFactorLoginRoutes); // /login/two-factor
accountRoutes.route('/', twoFactorPreferenceRoutes); // /preferences/two-factor
accountRoutes.route('/', confirmationRoutes);
accountRoutes.route('/', accountEditRoutes);
