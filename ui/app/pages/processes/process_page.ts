// placeholder until the page lands; see ui/app/routes.ts
