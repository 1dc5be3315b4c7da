import { Injectable } from '@nestjs/common';

/** Flipped when SIGTERM arrives, so readiness fails and load balancers drain this replica first. */
@Injectable()
export class ShutdownState {
  shuttingDown = false;
}
